/**
 * The three feed formats the service renders and the media type each is served with.
 * The format is chosen by the `format` query parameter (not by Accept), so CDN caches key on the URL.
 * Kept free of zod: the builder's client components build feed links from this list, and zod
 * would otherwise ship to the browser with it. The schema lives in feed-format-schema.ts.
 */
export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/**
 * What `format=` may ask of `/api/feed`: the three feeds, or `md`, the old bot's Markdown page
 * (a page for GitHub, not a feed: no autodiscovery link, no reader links, not in OPML).
 */
export const OUTPUT_FORMATS = [...FEED_FORMATS, 'md'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_CONTENT_TYPES: Record<OutputFormat, string> = {
  ...FEED_CONTENT_TYPES,
  md: 'text/markdown; charset=utf-8',
};
