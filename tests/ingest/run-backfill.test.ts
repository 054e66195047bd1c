import { afterEach, describe, expect, it } from 'vitest';
import { arxivUserAgent } from '../../lib/arxiv/user-agent';
import { runBackfill } from '../../lib/jobs/ingest/run-backfill';
import { fixture } from '../arxiv/fixtures';
import { failures } from '../../scripts/support/fake-arxiv';
import { createIngestContext, MIN_INTERVAL_MS, NOW, type IngestContext } from './ingest-context';

let ctx: IngestContext;
afterEach(async () => ctx?.cleanup());

const request = () => ({ userAgent: arxivUserAgent(), minIntervalMs: MIN_INTERVAL_MS, timeoutMs: 2000, deadline: new Date(Date.now() + 20_000) });

describe('history backfill from the API (empty store only)', () => {
  it('deduplicates overlapping pages and drops the possibly incomplete oldest day', async () => {
    ctx = await createIngestContext();
    ctx.fake.setApi((q) => fixture(q.get('start') === '0' ? 'api-legacy-page0.xml' : 'api-legacy-page1-overlap.xml'));
    const outcome = await runBackfill(ctx, {
      apiUrl: ctx.env.ARXIV_API_URL,
      sources: ['cs.LG'],
      beforeDay: '2025-12-05',
      knownIds: new Set(),
      now: NOW,
      request: request(),
      pageSize: 3,
      maxPages: 2,
    });
    expect(ctx.fake.requestsOf('api').map((r) => r.query.get('start'))).toEqual(['0', '3']);
    // 4 distinct papers: 2512.01101/01102 (→ 12-03), 2512.01103/01104 (→ 12-02, the oldest day, dropped).
    expect(outcome).toMatchObject({ state: 'ok', pages: 2, papers: 2, days: ['2025-12-03'] });
    expect((await ctx.store.readDay('2025-12-03'))['cs.LG']?.map((p) => p.id).sort()).toEqual(['2512.01101', '2512.01102']);
  });

  it('skips papers of the RSS day and papers already in the index', async () => {
    ctx = await createIngestContext({}, { api: fixture('api-2025-page.xml') });
    await ctx.store.putPaperIndex(new Map([['2512.02002', { version: 1, firstAnnounced: '2025-12-03' }]]));
    const outcome = await runBackfill(ctx, {
      apiUrl: ctx.env.ARXIV_API_URL,
      sources: ['cs.AI', 'cs.LG'],
      beforeDay: '2025-12-05',
      knownIds: new Set(['2512.03001']),
      now: NOW,
      request: request(),
    });
    expect(outcome).toMatchObject({ state: 'ok', papers: 1, days: ['2025-12-03'] });
  });

  it('an API failure (empty body, error entry) is recorded and does not fail the ingest', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: '' });
    const result = await ctx.run();
    expect(result.state).toBe('ok');
    expect(result.counts).toMatchObject({ new: 9, backfilled: 0 });
    expect(result.detail.backfill).toMatchObject({ state: 'failed', error: 'arXiv answered with an empty body', papers: 0 });
    expect(ctx.fake.requestsOf('api')).toHaveLength(1); // best effort: no retries
    expect(Object.keys((await ctx.store.readManifest()).days)).toEqual(['2025-12-05']);
    expect(await ctx.store.getStatus('ingest')).toMatchObject({ state: 'ok', detail: { backfill: { state: 'failed' } } });
  });

  it('runs after a quiet first day too (a weekend first start still shows papers) until it has stored something', async () => {
    const quietMonday = fixture('rss-empty.xml').replaceAll('Thu, 27 Nov 2025 00:00:00 -0500', 'Mon, 08 Dec 2025 00:00:00 -0500');
    ctx = await createIngestContext({}, { rss: quietMonday, api: fixture('api-2025-page.xml') });
    ctx.fake.queue('api', failures.apiError());
    const first = await ctx.run();
    expect(first).toMatchObject({ state: 'quiet', counts: { backfilled: 0 } });
    expect(first.detail.backfill).toMatchObject({ state: 'failed', error: 'arXiv API error: incorrect id format for nonsense (HTTP 400)' });
    const second = await ctx.run();
    expect(second).toMatchObject({ state: 'quiet', counts: { backfilled: 3 } });
    expect(ctx.fake.requestsOf('api')[1]!.query.get('search_query')).toContain('TO 202512050000]');
    await ctx.run();
    expect(ctx.fake.requestsOf('api')).toHaveLength(2); // the store has data now
  });
});
