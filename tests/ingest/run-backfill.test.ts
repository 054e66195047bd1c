import { afterEach, describe, expect, it } from 'vitest';
import { arxivUserAgent } from '../../lib/arxiv/user-agent';
import { runBackfill } from '../../lib/jobs/ingest/run-backfill';
import { fixture } from '../arxiv/fixtures';
import { failures } from '../../scripts/support/fake-arxiv';
import { createIngestContext, MIN_INTERVAL_MS, NOW, type IngestContext } from './ingest-context';
import { readDay } from '../helpers/read-day';

let ctx: IngestContext;
afterEach(async () => ctx?.cleanup());

const request = () => ({ userAgent: arxivUserAgent(), minIntervalMs: MIN_INTERVAL_MS, timeoutMs: 2000, deadline: new Date(Date.now() + 20_000) });

const input = (beforeDay: string, extra: Partial<Parameters<typeof runBackfill>[1]> = {}) => ({
  apiUrl: ctx.env.ARXIV_API_URL,
  sources: ['cs.LG'],
  beforeDay,
  knownIds: new Set<string>(),
  now: NOW,
  request: request(),
  ...extra,
});

/** One API page in the 2025+ layout: cs.LG papers submitted at the given instants, newest first. */
const apiPage = (submitted: [id: string, published: string][]) => `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/tuesdayWindow</id>
  <title>arXiv Query</title>
  <updated>2025-12-09T12:00:00Z</updated>
  <opensearch:itemsPerPage>3</opensearch:itemsPerPage>
  <opensearch:totalResults>${submitted.length}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
${submitted.map(([id, published]) => `  <entry>
    <id>http://arxiv.org/abs/${id}v1</id>
    <title>Paper ${id}</title>
    <updated>${published}</updated>
    <summary>Abstract of ${id}.</summary>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <published>${published}</published>
    <arxiv:primary_category term="cs.LG"/>
    <author><name>A. Author</name></author>
  </entry>`).join('\n')}
</feed>
`;

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
    expect((await readDay(ctx.store, '2025-12-03'))['cs.LG']?.map((p) => p.id).sort()).toEqual(['2512.01101', '2512.01102']);
  });

  it('skips papers of the RSS day and papers whose version is already stored', async () => {
    ctx = await createIngestContext({}, { api: fixture('api-2025-page.xml') });
    await ctx.store.putPaperVersions(new Map([['2512.02002', { version: 1, firstAnnounced: '2025-12-03' }]]));
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
    // Monday's mailing: the window ends at the cut-off that closed Friday's batch, Thursday 14:00 EST.
    expect(ctx.fake.requestsOf('api')[1]!.query.get('search_query')).toContain('submittedDate:[202511271900 TO 202512041900]');
    await ctx.run();
    expect(ctx.fake.requestsOf('api')).toHaveLength(2); // the store has data now
  });

  it('a Tuesday start spends the page budget on earlier mailings, not on the RSS day\'s own batch', async () => {
    ctx = await createIngestContext();
    ctx.fake.setApi(
      apiPage([
        ['2512.08001', '2025-12-08T15:00:00Z'], // Mon 10:00 EST: Tuesday's mailing (the RSS day)
        ['2512.06001', '2025-12-06T12:00:00Z'], // Saturday: Tuesday
        ['2512.05901', '2025-12-05T20:00:00Z'], // Fri 15:00 EST, after the cut-off: Tuesday
        ['2512.05101', '2025-12-05T15:00:00Z'], // Fri 10:00 EST: Monday
        ['2512.04901', '2025-12-04T20:00:00Z'], // Thu 15:00 EST: Monday
        ['2512.04101', '2025-12-04T15:00:00Z'], // Thu 10:00 EST: Friday
        ['2512.03901', '2025-12-03T20:00:00Z'], // Wed 15:00 EST: Friday
      ]),
    );
    const outcome = await runBackfill(ctx, input('2025-12-09', { pageSize: 3, maxPages: 1 }));
    // Monday's mailing closed at Friday 14:00 EST (19:00 UTC); all later submissions are Tuesday's.
    expect(ctx.fake.requestsOf('api')[0]!.query.get('search_query')).toBe('(cat:cs.LG) AND submittedDate:[202511281900 TO 202512051900]');
    // The one page held Monday's two papers and one of Friday's (an incomplete oldest day: dropped).
    expect(outcome).toMatchObject({ state: 'ok', pages: 1, papers: 2, days: ['2025-12-08'] });
    expect((await readDay(ctx.store, '2025-12-08'))['cs.LG']?.map((p) => p.id).sort()).toEqual(['2512.04901', '2512.05101']);
  });

  it('the cut-off is 14:00 New York time in summer too (18:00 UTC)', async () => {
    ctx = await createIngestContext({}, { api: fixture('api-empty.xml') });
    await runBackfill(ctx, input('2025-04-29'));
    expect(ctx.fake.requestsOf('api')[0]!.query.get('search_query')).toContain('submittedDate:[202504181800 TO 202504251800]');
  });
});
