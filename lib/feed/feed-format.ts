/**
 * The three feed formats the service renders and the media type each is served with.
 * The format is chosen by the `format` query parameter (not by Accept), so CDN caches key on the URL.
 */
import { z } from 'zod';

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export const FeedFormatSchema = z.enum(FEED_FORMATS, { error: `must be one of ${FEED_FORMATS.join(', ')}` });
export type FeedFormat = z.infer<typeof FeedFormatSchema>;

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
