/**
 * What readers nobody here wrote make of our feeds: three independent parsers (rss-parser,
 * @rowanmanning/feed-parser, feedsmith) read the RSS, Atom and JSON Feed built from the
 * committed reference papers, and each sees every expected paper exactly once, with a title.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { getStore } from '../../lib/store/open-store';
import { FEED_PARSERS, PARSER_CASES, type FeedFormatName } from '../helpers/feed-parsers';
import { fillStore, referencePapers, useTempEnv } from './feed-fixtures';

type Format = FeedFormatName;
const QUERY = 'cats=cs.AI,cs.CL,cs.DC,cs.LG&days=3&limit=500&types=new,cross,replace';
const EXPECTED = [...new Set(referencePapers.map((p) => `https://arxiv.org/abs/${p.id}`))].sort();

async function fetchFeed(format: Format): Promise<string> {
  const res = await GET(new Request(`http://localhost/api/feed?${QUERY}&format=${format}`));
  expect(res.status).toBe(200);
  return res.text();
}

describe('feeds as independent feed readers see them', () => {
  const bodies = new Map<Format, string>();
  beforeAll(async () => {
    await useTempEnv();
    await fillStore(await getStore());
    for (const format of ['rss', 'atom', 'json'] as const) bodies.set(format, await fetchFeed(format));
  });

  it.each(PARSER_CASES)('%s reads the %s feed: every paper exactly once, each with a title', async (name, format) => {
    const items = await FEED_PARSERS[name]!.read(bodies.get(format)!);
    expect(items.map((i) => i.id).sort()).toEqual(EXPECTED);
    for (const item of items) expect(item.title.trim().length, item.id).toBeGreaterThan(0);
  });
});
