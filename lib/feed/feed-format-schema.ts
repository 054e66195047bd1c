/** The `format` query parameter's schemas, for the server-side query parsers (zod stays off the client). */
import { z } from 'zod';
import { FEED_FORMATS, OUTPUT_FORMATS } from './feed-format';

export const FeedFormatSchema = z.enum(FEED_FORMATS, { error: `must be one of ${FEED_FORMATS.join(', ')}` });

/** `/api/feed`'s `format`: a feed format or `md`. */
export const OutputFormatSchema = z.enum(OUTPUT_FORMATS, { error: `must be one of ${OUTPUT_FORMATS.join(', ')}` });
