/**
 * /api/feed end to end through the imported route handler, on a temp embedded store holding
 * 3 announcement days (24 real papers + synthesized cross-list and replacement entries).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { getStore } from '../../lib/store/open-store';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { CROSS_ID, REPLACED_CROSS_ID, REPLACED_ID, fillStore, referencePapers, summaryFor, useTempEnv } from './feed-fixtures';

const ALL = 'cats=cs.AI,cs.CL,cs.DC,cs.LG&limit=500';
const get = (qs: string, headers: Record<string, string> = {}) => GET(new Request(`http://localhost/api/feed?${qs}`, { headers }));

async function jsonItems(qs: string) {
  const res = await get(`${qs}&format=json`);
  expect(res.status).toBe(200);
  return (await res.json()).items as { id: string; url: string; date_published: string; content_html: string; _arxiv: Record<string, unknown> }[];
}
const idOf = (url: string) => url.replace('https://arxiv.org/abs/', '');
const idsOn = (day: string) => referencePapers.filter((p) => p.announced === day).map((p) => p.id).sort();

describe('GET /api/feed on a filled store', () => {
  beforeAll(async () => {
    await useTempEnv();
    await fillStore(await getStore());
  });

  it.each([
    ['rss', 'application/rss+xml; charset=utf-8', /<link>https:\/\/arxiv\.org\/abs\/([^<]+)<\/link>/g],
    ['atom', 'application/atom+xml; charset=utf-8', /<link rel="alternate" type="text\/html" href="https:\/\/arxiv\.org\/abs\/([^"]+)"/g],
    ['json', 'application/feed+json; charset=utf-8', /"url":"https:\/\/arxiv\.org\/abs\/([^"]+)"/g],
  ] as const)('serves %s with every expected paper exactly once', async (format, type, re) => {
    const res = await get(`${ALL}&days=3&format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=600, stale-while-revalidate=86400, stale-if-error=86400');
    expect(res.headers.get('etag')).toMatch(/^W\/"[\w-]{32}"$/);
    expect(res.headers.get('last-modified')).toBe('Thu, 18 Dec 2025 01:00:00 GMT');
    const ids = [...(await res.text()).matchAll(re)].map((m) => m[1]!);
    expect(ids.sort()).toEqual(referencePapers.map((p) => p.id).sort());
  });

  it('defaults to RSS and to the newest announcement day', async () => {
    const res = await get('cats=cs.AI,cs.CL,cs.DC,cs.LG');
    expect(res.headers.get('content-type')).toContain('rss');
    const items = await jsonItems('cats=cs.AI,cs.CL,cs.DC,cs.LG');
    expect(items.map((i) => idOf(i.url)).sort()).toEqual(idsOn('2025-12-18'));
  });

  it('reads a window of announcement days (not calendar days)', async () => {
    const two = await jsonItems(`${ALL}&days=2`);
    expect(two.map((i) => idOf(i.url)).sort()).toEqual([...idsOn('2025-12-18'), ...idsOn('2025-12-11')].sort());
    const thirty = await jsonItems(`${ALL}&days=30`);
    expect(thirty).toHaveLength(24);
  });

  it('orders by score then newest announcement day', async () => {
    const items = await jsonItems(`${ALL}&days=3`);
    const keys = items.map((i) => [i._arxiv.score as number, i.date_published] as const);
    for (let k = 1; k < keys.length; k++) {
      const [s0, d0] = keys[k - 1]!;
      const [s1, d1] = keys[k]!;
      expect(s0 > s1 || (s0 === s1 && d0 >= d1)).toBe(true);
    }
    const ranked = await jsonItems(`${ALL}&days=3&q=quantization,llm`);
    const scores = ranked.map((i) => i._arxiv.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('applies limit', async () => {
    expect(await jsonItems('cats=cs.AI,cs.CL,cs.DC,cs.LG&days=3&limit=5')).toHaveLength(5);
  });

  it('leaves replacements out by default, serving the newest version under the first announcement, and shows one item per paper when opted in', async () => {
    const plain = await jsonItems(`${ALL}&days=3`);
    const r = plain.find((i) => idOf(i.url) === REPLACED_ID)!;
    expect(r._arxiv).toMatchObject({ announce_type: 'new', announced: '2025-12-05', version: 2, updated_to: { version: 2, announced: '2025-12-18' } });

    const withReplace = await jsonItems(`${ALL}&days=3&types=new,cross,replace`);
    expect(withReplace.filter((i) => idOf(i.url) === REPLACED_ID)).toHaveLength(1);
    expect(withReplace.find((i) => idOf(i.url) === REPLACED_ID)!._arxiv).toMatchObject({ announce_type: 'replace', version: 2, first_announced: '2025-12-05' });
    // replace-cross stays out until asked for
    expect(withReplace.find((i) => idOf(i.url) === REPLACED_CROSS_ID)!._arxiv.announce_type).toBe('new');
    const onlyReplacements = await jsonItems(`${ALL}&days=1&types=replace,replace-cross`);
    expect(onlyReplacements.map((i) => idOf(i.url)).sort()).toEqual([REPLACED_CROSS_ID, REPLACED_ID].sort());
  });

  it('serves cross-lists in the category they were cross-listed to, once', async () => {
    const lgDay = await jsonItems('cats=cs.LG&days=2');
    const cross = lgDay.filter((i) => idOf(i.url) === CROSS_ID);
    expect(cross).toHaveLength(1);
    expect(cross[0]!._arxiv.announce_type).toBe('cross');
    const both = await jsonItems('cats=cs.LG,cs.CL&days=2');
    expect(both.filter((i) => idOf(i.url) === CROSS_ID)).toHaveLength(1);
    expect(both.find((i) => idOf(i.url) === CROSS_ID)!._arxiv.announce_type).toBe('new');
    const onlyNew = await jsonItems('cats=cs.LG&days=2&types=new');
    expect(onlyNew.some((i) => idOf(i.url) === CROSS_ID)).toBe(false);
  });

  it('serves an archive request from the union of its ingested categories', async () => {
    const cs = await jsonItems('cats=cs&days=3&limit=500');
    expect(cs).toHaveLength(24);
  });

  it('filters a category out of the archive and category buckets it shares', async () => {
    const dc = await jsonItems('cats=cs.DC&days=3');
    expect(dc.map((i) => idOf(i.url)).sort()).toEqual(referencePapers.filter((p) => p.categories[0] === 'cs.DC').map((p) => p.id).sort());
  });

  it('uses the default profile without cats (seed keywords, all four categories)', async () => {
    const res = await get('format=json');
    const feed = await res.json();
    expect(feed.title).toBe('arXiv cs.AI, cs.CL, cs.DC, cs.LG: LLM, RL, RLHF, Inference +26 more');
    expect(feed._arxiv.categories).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
  });

  it('says once, at feed level, that summaries are off', async () => {
    const body = await (await get(`${ALL}&days=3`)).text();
    expect(body.match(/summaries are off/g)).toHaveLength(1);
    const feed = await (await get(`${ALL}&days=3&format=json`)).json();
    expect(feed._arxiv.summaries).toBe('off');
    expect(feed.description).toContain('LLM summaries are off on this server');
  });

  it('with stored summaries and no key, says summaries made earlier are shown and new ones are off', async () => {
    const paper = referencePapers.find((p) => p.categories[0] === 'cs.DC')!;
    await (await getStore()).putSummary(summaryFor(paper, 'Made before the key was removed.'), paper.announced, summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini' }));
    const feed = await (await get(`cats=cs.DC&days=3&format=json`)).json();
    expect(feed.description).toContain('New LLM summaries are off on this server');
    expect(feed.description).toContain('summaries made earlier are shown for 1 paper.');
    expect(feed.description).not.toContain('LLM summaries are off on this server (no OPENAI_API_KEY configured).');
  });

  it('links self and home on the request origin', async () => {
    const feed = await (await get('cats=cs.LG&q=llm&format=json')).json();
    expect(feed.feed_url).toBe('http://localhost/api/feed?cats=cs.LG&q=llm&format=json');
    expect(feed.home_page_url).toBe('http://localhost/?cats=cs.LG&q=llm');
  });
});

describe('GET /api/feed conditional requests and summaries', () => {
  beforeAll(async () => {
    await useTempEnv();
    await fillStore(await getStore());
  });

  it('answers 304 to a matching If-None-Match, 200 otherwise', async () => {
    const first = await get('cats=cs.LG&format=atom');
    const etag = first.headers.get('etag')!;
    const again = await get('cats=cs.LG&format=atom', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toContain('s-maxage=600');
    expect((await get('cats=cs.LG&format=atom', { 'if-none-match': `"other", ${etag.slice(2)}` })).status).toBe(304);
    expect((await get('cats=cs.LG&format=atom', { 'if-none-match': '"other"' })).status).toBe(200);
    // ETag differs per format
    expect((await get('cats=cs.LG&format=json', { 'if-none-match': etag })).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since only without If-None-Match', async () => {
    const lm = (await get('cats=cs.LG')).headers.get('last-modified')!;
    expect((await get('cats=cs.LG', { 'if-modified-since': lm })).status).toBe(304);
    expect((await get('cats=cs.LG', { 'if-modified-since': 'Wed, 17 Dec 2025 00:00:00 GMT' })).status).toBe(200);
    expect((await get('cats=cs.LG', { 'if-modified-since': lm, 'if-none-match': '"nope"' })).status).toBe(200);
    expect((await get('cats=cs.LG', { 'if-modified-since': 'garbage' })).status).toBe(200);
  });

  it('changes ETag and Last-Modified when a summary is stored, and shows it above the abstract', async () => {
    const before = await get('cats=cs.LG&days=3&format=json');
    const etag = before.headers.get('etag')!;
    const paper = referencePapers.find((p) => p.id === '2512.15176')!;
    const store = await getStore();
    await store.putSummary(summaryFor(paper, 'Drafts with diffusion & verifies <fast>.'), paper.announced, summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini' }));

    const after = await get('cats=cs.LG&days=3&format=json', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('last-modified')).toBe('Thu, 18 Dec 2025 06:00:00 GMT');
    const item = (await after.json()).items.find((i: { url: string }) => i.url.endsWith(paper.id));
    expect(item.summary).toBe('AI summary: Drafts with diffusion & verifies <fast>.');
    expect(item.content_html.indexOf('Drafts with diffusion')).toBeLessThan(item.content_html.indexOf('Score'));
    expect(item.content_html).toContain('&lt;fast&gt;');
  });

  it('does not show a summary of another language or version', async () => {
    const paper = referencePapers.find((p) => p.id === '2512.15306')!;
    const store = await getStore();
    await store.putSummary(summaryFor({ id: paper.id, version: 9 }, 'wrong version'), paper.announced, summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini' }));
    await store.putSummary(summaryFor(paper, 'resumen'), paper.announced, summaryScope('es', { SUMMARY_MODEL: 'gpt-4o-mini' }));
    const en = await jsonItems('cats=cs.DC&days=3');
    expect(JSON.stringify(en)).not.toMatch(/wrong version|resumen/);
    const es = await jsonItems('cats=cs.DC&days=3&language=es');
    expect(es.find((i) => i.url.endsWith(paper.id))!.content_html).toContain('resumen');
  });
});

describe('GET /api/feed for categories that are not ingested', () => {
  beforeEach(async () => {
    await useTempEnv();
  });

  it('registers the category, says so in the feed and the X-Feed-Notice header', async () => {
    await fillStore(await getStore(), ['2025-12-18']);
    const res = await get('cats=quant-ph,cs.LG&format=json');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-feed-notice')).toBe(
      'Category quant-ph is not ingested yet: it has been registered and the next ingest run will include it.',
    );
    const feed = await res.json();
    expect(feed._arxiv.not_ingested).toEqual(['quant-ph']);
    expect(feed.description).toContain('quant-ph is not ingested yet');
    expect(feed.items.length).toBeGreaterThan(0);
    expect(await (await getStore()).requestedCategories()).toEqual(['quant-ph']);

    const rss = await (await get('cats=quant-ph')).text();
    expect(rss).toContain('Category quant-ph is not ingested yet');
  });

  it('keeps asking for a requested category once it is stored, so the ingest keeps fetching it while read', async () => {
    const store = await getStore();
    const quant = { ...referencePapers[0]!, id: '2512.99999', categories: ['quant-ph'], announced: '2025-12-18', firstAnnounced: '2025-12-18' };
    await store.commitDay('2025-12-18', { 'quant-ph': [quant] });
    const before = new Date();
    const res = await get('cats=quant-ph');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-feed-notice')).toBeNull();
    expect(await store.requestedCategories(before)).toEqual(['quant-ph']);
  });

  it('on an empty store, notes configured categories without registering them', async () => {
    const res = await get('cats=cs.LG&format=atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-feed-notice')).toContain('cs.LG has no stored announcements yet');
    expect(await res.text()).toContain('no announcement day stored yet');
    expect(await (await getStore()).requestedCategories()).toEqual([]);
  });
});

describe('GET /api/feed errors', () => {
  it('answers 400 JSON naming the parameter', async () => {
    await useTempEnv();
    const res = await get('cats=cs.LG&days=0');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(body.error).toContain('days');
    expect(body.issues).toEqual([{ path: 'days', message: expect.any(String) }]);
  });

  it('answers 503 with Retry-After when the store is unreachable', async () => {
    const dir = await useTempEnv();
    const notADir = path.join(dir, 'file');
    writeFileSync(notADir, 'x');
    await useTempEnv({ DATA_DIR: notADir });
    const res = await get('cats=cs.LG');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await res.json()).error).toMatch(/unreachable/);
  });
});
