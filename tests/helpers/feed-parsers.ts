/**
 * The three independent feed parsers the suite trusts (rss-parser, @rowanmanning/feed-parser,
 * feedsmith), each reduced to what every test compares: item ids and titles in document order.
 */
import { parseFeed as parseWithRowan } from '@rowanmanning/feed-parser';
import { parseFeed as parseWithFeedsmith } from 'feedsmith';
import RssParser from 'rss-parser';

export type ReadItem = { id: string; title: string };
export type FeedFormatName = 'rss' | 'atom' | 'json';

export const FEED_PARSERS: Record<string, { formats: FeedFormatName[]; read: (body: string) => Promise<ReadItem[]> }> = {
  'rss-parser': {
    formats: ['rss', 'atom'],
    read: async (body) => (await new RssParser().parseString(body)).items.map((i) => ({ id: String(i.guid ?? i.id), title: String(i.title ?? '') })),
  },
  '@rowanmanning/feed-parser': {
    formats: ['rss', 'atom'],
    read: async (body) => parseWithRowan(body).items.map((i) => ({ id: String(i.id), title: String(i.title ?? '') })),
  },
  feedsmith: {
    formats: ['rss', 'atom', 'json'],
    read: async (body) => {
      const { format, feed } = parseWithFeedsmith(body) as { format: string; feed: Record<string, unknown> };
      if (format === 'atom') return ((feed.entries ?? []) as { id: string; title?: { value?: string } | string }[]).map((e) => ({ id: e.id, title: typeof e.title === 'string' ? e.title : (e.title?.value ?? '') }));
      if (format === 'json') return ((feed.items ?? []) as { id: string; title?: string }[]).map((e) => ({ id: e.id, title: e.title ?? '' }));
      return ((feed.items ?? []) as { guid?: { value: string } | string; title?: string }[]).map((e) => ({ id: typeof e.guid === 'string' ? e.guid : (e.guid?.value ?? ''), title: e.title ?? '' }));
    },
  },
};

/** Every (parser, format) pair the parsers support. */
export const PARSER_CASES = Object.entries(FEED_PARSERS).flatMap(([name, r]) => r.formats.map((format) => [name, format] as const));
