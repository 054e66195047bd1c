/**
 * What readers nobody here wrote make of our feeds: three independent parsers (rss-parser,
 * @rowanmanning/feed-parser, feedsmith) read the RSS, Atom and JSON Feed built from the
 * committed reference papers, and each sees every expected paper exactly once, with a title.
 */
import { parseFeed as parseWithRowan } from '@rowanmanning/feed-parser';
import { parseFeed as parseWithFeedsmith } from 'feedsmith';
import RssParser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { getStore } from '../../lib/store/open-store';
import { fillStore, referencePapers, useTempEnv } from './feed-fixtures';

type ReadItem = { id: string; title: string };
type Format = 'rss' | 'atom' | 'json';
const QUERY = 'cats=cs.AI,cs.CL,cs.DC,cs.LG&days=3&limit=500&types=new,cross,replace';
const EXPECTED = [...new Set(referencePapers.map((p) => `https://arxiv.org/abs/${p.id}`))].sort();

async function fetchFeed(format: Format): Promise<string> {
  const res = await GET(new Request(`http://localhost/api/feed?${QUERY}&format=${format}`));
  expect(res.status).toBe(200);
  return res.text();
}

const readers: Record<string, { formats: Format[]; read: (body: string) => Promise<ReadItem[]> }> = {
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
      if (format === 'atom') return ((feed.entries ?? []) as { id: string; title?: { value?: string } }[]).map((e) => ({ id: e.id, title: e.title?.value ?? '' }));
      if (format === 'json') return ((feed.items ?? []) as { id: string; title?: string }[]).map((e) => ({ id: e.id, title: e.title ?? '' }));
      return ((feed.items ?? []) as { guid?: { value: string }; title?: string }[]).map((e) => ({ id: e.guid?.value ?? '', title: e.title ?? '' }));
    },
  },
};

describe('feeds as independent feed readers see them', () => {
  const bodies = new Map<Format, string>();
  beforeAll(async () => {
    await useTempEnv();
    await fillStore(await getStore());
    for (const format of ['rss', 'atom', 'json'] as const) bodies.set(format, await fetchFeed(format));
  });

  const cases = Object.entries(readers).flatMap(([name, r]) => r.formats.map((format) => [name, format] as const));
  it.each(cases)('%s reads the %s feed: every paper exactly once, each with a title', async (name, format) => {
    const items = await readers[name]!.read(bodies.get(format)!);
    expect(items.map((i) => i.id).sort()).toEqual(EXPECTED);
    for (const item of items) expect(item.title.trim().length, item.id).toBeGreaterThan(0);
  });
});
