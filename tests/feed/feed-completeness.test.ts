/**
 * A feed says what it leaves out, over HTTP through the /api/feed route handler: without ranking
 * terms it carries the whole window (newest first, up to 500); with them, or with an explicit
 * limit or min_score, the feed says how many papers it left out, in the channel description,
 * JSON Feed's `_arxiv` and the `X-Feed-Notice` header. Notices about categories that are not
 * ingested yet keep the answer out of shared caches; pending summaries are counted.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import type { Day, Paper } from '../../lib/model/paper';
import { getStore } from '../../lib/store/open-store';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { fillStore, summaryFor, useTempEnv } from './feed-fixtures';

const get = (qs: string, headers: Record<string, string> = {}) => GET(new Request(`http://localhost/api/feed?${qs}`, { headers }));
const json = async (qs: string) => (await get(`${qs}&format=json`)).json();
const idsOf = (feed: { items: { _arxiv: { id: string } }[] }) => feed.items.map((i) => i._arxiv.id);

/** `count` cs.LG papers announced on `day`, ids `2512.<first>`…; every `matchEvery`-th has "quantization" in its title. */
function dayOf(day: Day, first: number, count: number, matchEvery = 0): Paper[] {
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    const match = matchEvery > 0 && i % matchEvery === 0;
    return {
      id: `2512.${String(n).padStart(5, '0')}`,
      version: 1,
      title: match ? `Quantization study ${n}` : `Graph study ${n}`,
      abstract: `Abstract ${n}.`,
      authors: ['A. Author'],
      categories: ['cs.LG'],
      announceType: 'new',
      announced: day,
      firstAnnounced: day,
    };
  });
}
const descending = (ids: string[]) => [...ids].sort().reverse();

describe('a feed without ranking terms', () => {
  beforeAll(async () => {
    await useTempEnv();
    const store = await getStore();
    await store.commitDay('2025-12-17', { 'cs.LG': dayOf('2025-12-17', 1000, 300) });
    await store.commitDay('2025-12-18', { 'cs.LG': dayOf('2025-12-18', 2000, 147) });
  });

  it('carries every paper of its day, newest first, with no notice', async () => {
    const res = await get('cats=cs.LG&format=json');
    expect(res.headers.get('x-feed-notice')).toBeNull();
    const feed = await res.json();
    expect(feed.items).toHaveLength(147);
    expect(idsOf(feed)).toEqual(descending(dayOf('2025-12-18', 2000, 147).map((p) => p.id)));
    expect(feed._arxiv.left_out).toEqual({ below_min_score: 0, past_limit: 0 });
  });

  it('honours an explicit limit and says so', async () => {
    const res = await get('cats=cs.LG&limit=20&format=json');
    const feed = await res.json();
    const expected = 'Showing 20 of 147 papers; left out: 127 past limit=20.';
    expect(idsOf(feed)).toEqual(descending(dayOf('2025-12-18', 2000, 147).map((p) => p.id)).slice(0, 20));
    expect(res.headers.get('x-feed-notice')).toBe(expected);
    expect(feed._arxiv.notices).toEqual([expected]);
    expect(feed._arxiv.left_out).toEqual({ below_min_score: 0, past_limit: 127 });
    expect(feed.description).toContain(expected);
    expect(await (await get('cats=cs.LG&limit=20&format=atom')).text()).toContain(expected);
  });
});

describe('a feed over 500 papers without ranking terms', () => {
  beforeAll(async () => {
    await useTempEnv();
    const store = await getStore();
    await store.commitDay('2025-12-17', { 'cs.LG': dayOf('2025-12-17', 1000, 300) });
    await store.commitDay('2025-12-18', { 'cs.LG': dayOf('2025-12-18', 2000, 220) });
  });

  it('keeps the newest 500 and says how many older papers it left out', async () => {
    const res = await get('cats=cs.LG&days=2&format=json');
    const expected = 'Showing 500 of 520 papers; left out: 20 older papers past the 500-paper maximum.';
    expect(res.headers.get('x-feed-notice')).toBe(expected);
    const feed = await res.json();
    expect(feed.items).toHaveLength(500);
    const newestFirst = [...descending(dayOf('2025-12-18', 2000, 220).map((p) => p.id)), ...descending(dayOf('2025-12-17', 1000, 300).map((p) => p.id))];
    expect(idsOf(feed)).toEqual(newestFirst.slice(0, 500));
    expect(feed._arxiv.left_out).toEqual({ below_min_score: 0, past_limit: 20 });
    expect(await (await get('cats=cs.LG&days=2')).text()).toContain(expected);
  });
});

describe('a ranked feed', () => {
  beforeAll(async () => {
    await useTempEnv();
    const store = await getStore();
    // 30 matches on each day; on 12-18 also 87 papers that do not match
    await store.commitDay('2025-12-17', { 'cs.LG': dayOf('2025-12-17', 1000, 30, 1) });
    await store.commitDay('2025-12-18', { 'cs.LG': [...dayOf('2025-12-18', 2000, 30, 1), ...dayOf('2025-12-18', 3000, 87)] });
  });

  it('keeps the default limit of 50 and says how many it left out', async () => {
    const res = await get('cats=cs.LG&days=2&q=quantization&format=json');
    const expected = 'Showing 50 of 147 papers; left out: 97 past the default limit of 50 (limit= raises it, up to 500).';
    expect(res.headers.get('x-feed-notice')).toBe(expected);
    const feed = await res.json();
    expect(feed.items).toHaveLength(50);
    expect(feed._arxiv.left_out).toEqual({ below_min_score: 0, past_limit: 97 });
  });

  it('counts what min_score left out as well', async () => {
    const res = await get('cats=cs.LG&days=2&q=quantization&min_score=1&format=json');
    const expected = 'Showing 50 of 147 papers; left out: 87 scoring below min_score=1, 10 past the default limit of 50 (limit= raises it, up to 500).';
    expect(res.headers.get('x-feed-notice')).toBe(expected);
    const all = await json('cats=cs.LG&days=2&q=quantization&min_score=1&limit=500');
    expect(all.items).toHaveLength(60);
    expect(all._arxiv.notices).toEqual(['Showing 60 of 147 papers; left out: 87 scoring below min_score=1.']);
  });

  it('breaks ties by newer announcement, then by id descending', async () => {
    const feed = await json('cats=cs.LG&days=2&q=quantization&min_score=1&limit=500');
    const newer = descending(dayOf('2025-12-18', 2000, 30).map((p) => p.id));
    const older = descending(dayOf('2025-12-17', 1000, 30).map((p) => p.id));
    expect(idsOf(feed)).toEqual([...newer, ...older]);
  });
});

describe('cache lifetime of a feed with a not-ingested notice', () => {
  beforeEach(async () => {
    await useTempEnv();
    await fillStore(await getStore(), ['2025-12-18']);
  });

  it('lets nobody keep it longer than a minute, and names the categories for the on-demand fetch', async () => {
    const res = await get('cats=math.AG');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('x-feed-not-ingested')).toBe('math.AG');
    const again = await get('cats=math.AG', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('keeps the normal lifetime, and no not-ingested header, for a feed that only says what it left out', async () => {
    const res = await get('cats=cs.LG&limit=1');
    expect(res.headers.get('x-feed-notice')).toMatch(/^Showing 1 of \d+ papers/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=600, stale-while-revalidate=86400, stale-if-error=86400');
    expect(res.headers.get('x-feed-not-ingested')).toBeNull();
  });
});

describe('pending summaries', () => {
  beforeAll(async () => {
    // An address nothing listens on: no test reaches a real provider.
    await useTempEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    await fillStore(await getStore());
  });

  it('says how many shown papers have no summary yet', async () => {
    const first = await json('cats=cs.DC&days=3');
    const n = first.items.length;
    expect(first._arxiv.summaries_pending).toBe(n);
    expect(first._arxiv.notices).toEqual([`Summaries pending for ${n} of ${n} papers: they appear here once written.`]);
    const paper = first.items[0]._arxiv;
    const scope = summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    await (await getStore()).putSummary(summaryFor({ id: paper.id, version: paper.version }, 'tl;dr'), paper.announced, scope);
    const res = await get('cats=cs.DC&days=3');
    expect(res.headers.get('x-feed-notice')).toBe(`Summaries pending for ${n - 1} of ${n} papers: they appear here once written.`);
    expect(await res.text()).toContain(`Summaries pending for ${n - 1} of ${n} papers`);
  });
});
