import { afterEach, describe, expect, it } from 'vitest';
import { formatIngestSummary } from '../../lib/jobs/ingest/ingest-result';
import { fixture } from '../arxiv/fixtures';
import { filterRssItems } from '../../scripts/support/fake-arxiv';
import { createIngestContext, dropAnnounceType, gapsMs, MIN_INTERVAL_MS, type IngestContext } from './ingest-context';
import { readDay } from '../helpers/read-day';

let ctx: IngestContext;
afterEach(async () => ctx?.cleanup());

const ids = (papers: { id: string }[] | undefined) => (papers ?? []).map((p) => p.id).sort();

describe('runIngest: a day through a local arXiv into the embedded store', () => {
  it('stores the day per source with per-source announce types, counts, index and status', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    const result = await ctx.run();

    expect(result.state).toBe('ok');
    expect(result.day).toBe('2025-12-05');
    expect(result.counts).toEqual({ fetched: 10, new: 9, updated: 0, unchanged: 0, skipped: 1, backfilled: 0 });

    const day = await readDay(ctx.store, '2025-12-05');
    expect(Object.keys(day).sort()).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
    const type = (source: string, id: string) => day[source]!.find((p) => p.id === id)?.announceType;
    expect(type('cs.LG', '2512.04752')).toBe('new');
    expect(type('cs.DC', '2512.04752')).toBe('cross');
    expect(type('cs.LG', '2512.05002')).toBe('cross'); // primary stat.ML
    expect(type('cs.LG', '2510.00002')).toBe('replace-cross'); // primary math.OC
    expect(type('cs.DC', '2511.00001')).toBe('replace');
    expect(type('cs.AI', '2512.05001')).toBe('cross');
    expect(type('cs.CL', '2512.05001')).toBe('new');
    expect(ids(day['cs.DC'])).toEqual(['2511.00001', '2512.04752', 'cs/0601001']);
    expect(Object.values(day).flat().some((p) => p.id === '2512.05005')).toBe(false); // physics.optics only

    const versions = await ctx.store.getPaperVersions(['2512.04752', 'cs/0601001']);
    expect(versions.get('2512.04752')).toEqual({ version: 1, firstAnnounced: '2025-12-05' });
    expect(versions.get('cs/0601001')).toEqual({ version: 4, firstAnnounced: '2025-12-05' });

    const status = await ctx.store.getStatus('ingest');
    expect(status).toMatchObject({ state: 'ok', counts: { fetched: 10, new: 9 }, startedAt: '2025-12-05T12:00:00.000Z' });
    expect(status?.detail).toMatchObject({ day: '2025-12-05', sources: { 'cs.LG': { outcome: 'stored', papers: 4 } } });
    expect(formatIngestSummary(result)).toMatch(/^ingest ok 2025-12-05: fetched 10 \/ new 9 \/ updated 0 \/ unchanged 0 \/ skipped 1 \(\d+\.\d s\)$/);
  });

  it('asks once for all sources, with the project User-Agent, then backfills an empty store from the API', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-2025-page.xml') });
    const result = await ctx.run();
    const rss = ctx.fake.requestsOf('rss');
    expect(rss).toHaveLength(1);
    expect(rss[0]!.categories).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
    for (const r of ctx.fake.requests) expect(r.userAgent).toMatch(/^arxiv-feeds\/\d+\.\d+\.\d+ \(\+.+; arXiv RSS\/API client\)$/);

    const api = ctx.fake.requestsOf('api');
    expect(api).toHaveLength(1);
    // Friday's mailing holds what came in after Wednesday 14:00 EST (19:00 UTC): the window stops there.
    expect(api[0]!.query.get('search_query')).toBe('(cat:cs.AI OR cat:cs.CL OR cat:cs.DC OR cat:cs.LG) AND submittedDate:[202511261900 TO 202512031900]');
    expect(api[0]!.query.get('sortBy')).toBe('submittedDate');

    expect(result.counts.backfilled).toBe(3);
    expect(result.detail.backfill).toMatchObject({ state: 'ok', pages: 1, papers: 3, days: ['2025-12-03', '2025-12-04'] });
    const manifest = await ctx.store.readManifest();
    expect(Object.keys(manifest.days).sort()).toEqual(['2025-12-03', '2025-12-04', '2025-12-05']);
    const dec3 = await readDay(ctx.store, '2025-12-03');
    expect(dec3['cs.LG']?.find((p) => p.id === '2512.01003')).toMatchObject({ announceType: 'cross', firstAnnounced: '2025-12-03' });
    expect((await readDay(ctx.store, '2025-12-04'))['cs.LG']?.[0]).toMatchObject({ id: '2512.03001', version: 2, announceType: 'new' });
    expect(Math.min(...gapsMs(ctx.fake.requests.map((r) => r.time)))).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
  });

  it('a replacement updates version and abstract and keeps firstAnnounced; re-running a day stores nothing', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    await ctx.run();
    ctx.fake.setRss(fixture('rss-2025-12-08-cs.xml'));
    const second = await ctx.run({ now: new Date('2025-12-08T12:00:00Z') });
    expect(second.state).toBe('ok');
    expect(second.counts).toEqual({ fetched: 3, new: 2, updated: 1, unchanged: 0, skipped: 0, backfilled: 0 });
    expect(ctx.fake.requestsOf('api')).toHaveLength(1); // backfill only on the empty store

    const replaced = (await readDay(ctx.store, '2025-12-08'))['cs.LG']!.find((p) => p.id === '2512.04752')!;
    expect(replaced).toMatchObject({ version: 2, announceType: 'replace', announced: '2025-12-08', firstAnnounced: '2025-12-05' });
    expect(replaced.abstract).toMatch(/^Revised:/);
    expect((await ctx.store.getPaperVersions(['2512.04752'])).get('2512.04752')).toEqual({ version: 2, firstAnnounced: '2025-12-05' });

    const revision = (await ctx.store.readManifest()).revision;
    const third = await ctx.run({ now: new Date('2025-12-08T13:00:00Z') });
    expect(third.state).toBe('stale');
    expect(third.counts).toMatchObject({ fetched: 3, new: 0, updated: 0, unchanged: 3 });
    expect((await ctx.store.readManifest()).revision).toBe(revision);
    expect(await ctx.store.getStatus('ingest')).toMatchObject({ state: 'stale', error: expect.stringContaining('already stored') });
  });

  it('a few bad items among good ones are skipped and counted; the rest of the day is stored', async () => {
    // One item has no announce type, one claims version 0 (versions start at 1).
    const body = dropAnnounceType(fixture('rss-2025-12-05-cs.xml'), ['2512.05003']).replaceAll('2512.04974v1', '2512.04974v0');
    ctx = await createIngestContext({}, { rss: body, api: fixture('api-empty.xml') });
    const result = await ctx.run();
    expect(result).toMatchObject({ state: 'ok', day: '2025-12-05' });
    expect(result.counts).toEqual({ fetched: 10, new: 7, updated: 0, unchanged: 0, skipped: 3, backfilled: 0 });
    const stored = Object.values(await readDay(ctx.store, '2025-12-05')).flat().map((p) => p.id);
    expect(stored).not.toContain('2512.04974');
    expect(stored).not.toContain('2512.05003');
    expect(stored).toContain('2512.04752');
  });

  it('a valid empty feed is a quiet day: nothing stored, state quiet', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    await ctx.run();
    ctx.fake.setRss(fixture('rss-empty.xml'));
    const revision = (await ctx.store.readManifest()).revision;
    const quiet = await ctx.run();
    expect(quiet).toMatchObject({ state: 'quiet', counts: { fetched: 0, new: 0 } });
    expect((await ctx.store.readManifest()).revision).toBe(revision);
    expect(await ctx.store.getStatus('ingest')).toMatchObject({ state: 'quiet', detail: { skipDays: ['Saturday', 'Sunday'] } });
  });

  it('fetches only the given sources on demand, archives included', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml') });
    const result = await ctx.run({ sources: ['math', 'stat.ML', 'nonsense'], backfill: false });
    expect(ctx.fake.requestsOf('rss')[0]!.categories).toEqual(['math', 'stat.ML']);
    expect(result).toMatchObject({ state: 'ok', sources: ['math', 'stat.ML'], detail: { ignoredSources: ['nonsense'] } });
    const day = await readDay(ctx.store, '2025-12-05');
    expect(day.math?.map((p) => [p.id, p.announceType])).toEqual([['2510.00002', 'replace']]);
    expect(day['stat.ML']?.map((p) => [p.id, p.announceType])).toEqual([['2512.05002', 'new']]);
  });

  it('adds categories of saved profiles and requested categories, ignoring bad profiles', async () => {
    // Like arXiv, the stand-in answers only with items of the requested categories.
    ctx = await createIngestContext({ ARXIV_CATEGORIES: 'cs.LG' }, { rss: (cats) => filterRssItems(fixture('rss-2025-12-05-cs.xml'), cats) });
    await ctx.store.putProfile('t1', JSON.stringify({ categories: ['math.OC', 'cs.LG'] }));
    await ctx.store.putProfile('t2', '{not json');
    await ctx.store.putProfile('t3', JSON.stringify({ categories: ['bogus.XX'] }));
    await ctx.store.requestCategory('physics');
    const result = await ctx.run({ backfill: false });
    expect(result.sources).toEqual(['cs.LG', 'math.OC', 'physics']);
    expect((await readDay(ctx.store, '2025-12-05')).physics?.map((p) => p.id)).toEqual(['2512.05005']);
    expect(result.counts.skipped).toBe(0);
  });

  it('a second concurrent run waits for the first, then finds the day stored (stale, not an error)', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    const [a, b] = await Promise.all([ctx.run(), ctx.run()]);
    expect([a.state, b.state].sort()).toEqual(['ok', 'stale']);
    expect(ctx.lines).toContain('ingest: another ingest is running; waiting for it to finish');
    expect((await ctx.store.readManifest()).revision).toBe(1);
    expect(Math.min(...gapsMs(ctx.fake.requests.map((r) => r.time)))).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
  });
});
