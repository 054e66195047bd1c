/** The `format` query parameter's schema, for the server-side query parsers (zod stays off the client). */
import { z } from 'zod';
import { FEED_FORMATS } from './feed-format';

export const FeedFormatSchema = z.enum(FEED_FORMATS, { error: `must be one of ${FEED_FORMATS.join(', ')}` });
