/**
 * Issue 7, upstream arXiv: every refused answer stores nothing, keeps every stored paper, records
 * the failure (what, when, first 200 bytes) and retries within the run at most twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/model/paper';
import { fixture } from '../arxiv/fixtures';
import { failures } from '../../scripts/support/fake-arxiv';
import { createIngestContext, dropAnnounceType, gapsMs, MIN_INTERVAL_MS, type IngestContext } from './ingest-context';
import { readDay } from '../helpers/read-day';

let ctx: IngestContext;
let before: { revision: number; day: Record<string, Paper[]> };

beforeEach(async () => {
  ctx = await createIngestContext({ ARXIV_TIMEOUT_MS: '300' }, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
  expect((await ctx.run()).state).toBe('ok');
  before = { revision: (await ctx.store.readManifest()).revision, day: await readDay(ctx.store, '2025-12-05') };
  ctx.fake.requests.length = 0;
  ctx.fake.setRss(fixture('rss-2025-12-08-cs.xml'));
});
afterEach(async () => ctx.cleanup());

/** A history of busy days for cs.LG: median 40 papers. */
async function storeBusyHistory() {
  for (const [i, day] of ['2025-11-24', '2025-11-25', '2025-11-26'].entries()) {
    const papers = Array.from({ length: 40 }, (_, n) => ({ ...before.day['cs.LG']![0]!, id: `2511.9${i}${String(n).padStart(3, '0')}`, announced: day, firstAnnounced: day }));
    await ctx.store.commitDay(day, { 'cs.LG': papers });
  }
  before.revision = (await ctx.store.readManifest()).revision;
}

async function expectNothingStoredAndFailureRecorded(error: RegExp, bodyStart?: string | RegExp) {
  expect((await ctx.store.readManifest()).revision).toBe(before.revision);
  expect(await readDay(ctx.store, '2025-12-05')).toEqual(before.day);
  expect(await readDay(ctx.store, '2025-12-08')).toEqual({});
  const status = await ctx.store.getStatus('ingest');
  expect(status).toMatchObject({ state: 'failed', error: expect.stringMatching(error), finishedAt: expect.any(String) });
  expect(status?.detail?.sources).toMatchObject({ 'cs.LG': { outcome: 'failed' } });
  if (bodyStart !== undefined) expect(status?.bodyStart).toMatch(bodyStart);
}

describe('ingest failure modes over real HTTP', () => {
  it('503 with Retry-After: retried twice honouring Retry-After, then recorded as failed', async () => {
    ctx.fake.always('rss', failures.unavailable(1));
    const result = await ctx.run();
    expect(result).toMatchObject({ state: 'failed', error: 'arXiv answered HTTP 503 (Retry-After: 1 s)', bodyStart: 'Service Unavailable' });
    expect(ctx.fake.requestsOf('rss')).toHaveLength(3);
    expect(Math.min(...gapsMs(ctx.fake.requests.map((r) => r.time)))).toBeGreaterThanOrEqual(1000);
    await expectNothingStoredAndFailureRecorded(/HTTP 503/, 'Service Unavailable');
    expect(ctx.lines.filter((l) => l.includes('retry'))).toHaveLength(2);
  });

  it('a 503 followed by a good answer succeeds within the run', async () => {
    ctx.fake.queue('rss', failures.unavailable(0));
    const result = await ctx.run();
    expect(result).toMatchObject({ state: 'ok', day: '2025-12-08', counts: { updated: 1, new: 2 } });
    expect(ctx.fake.requestsOf('rss')).toHaveLength(2);
  });

  it('a timeout (ARXIV_TIMEOUT_MS) is a failure, retried, nothing stored', async () => {
    ctx.fake.always('rss', failures.slow(3000));
    const result = await ctx.run();
    expect(result.state).toBe('failed');
    expect(result.error).toBe('arXiv could not be reached: no complete answer within 300 ms');
    expect(ctx.fake.requestsOf('rss')).toHaveLength(3);
    await expectNothingStoredAndFailureRecorded(/could not be reached/);
  });

  it('garbage HTML (a rate-limit page) is a failure, with the first 200 bytes recorded', async () => {
    ctx.fake.always('rss', failures.garbage());
    const result = await ctx.run();
    expect(result.error).toMatch(/malformed or truncated XML/);
    await expectNothingStoredAndFailureRecorded(/malformed/, /^<html><body><h1>Rate exceeded/);
  });

  it('a truncated download is a failure, not a small day', async () => {
    ctx.fake.always('rss', failures.truncated());
    await ctx.run();
    await expectNothingStoredAndFailureRecorded(/truncated/, /^<\?xml version='1.0'/);
  });

  it("arXiv's error feed is a failure and is not retried", async () => {
    ctx.fake.always('rss', failures.errorFeed());
    const result = await ctx.run();
    expect(result.error).toMatch(/^arXiv feed error: Bad archive 'nonsense'/);
    expect(ctx.fake.requestsOf('rss')).toHaveLength(1);
    await expectNothingStoredAndFailureRecorded(/feed error/);
  });

  it('an unreachable arXiv (connection refused) is a plain failure', async () => {
    await ctx.fake.close();
    const result = await ctx.run({ deadline: Date.now() + 10_000 });
    expect(result.error).toMatch(/^arXiv could not be reached: ECONNREFUSED/);
    await expectNothingStoredAndFailureRecorded(/could not be reached/);
  });

  it('far fewer papers than usual on a weekday is refused, saying how to accept the day', async () => {
    await storeBusyHistory();
    ctx.fake.setRss(fixture('rss-2025-12-08-cs-small.xml'));
    const result = await ctx.run();
    expect(result.state).toBe('failed');
    // cs.LG: median 40 of its last days, plus the small medians of the other sources' 2025-12-05.
    expect(result.error).toMatch(/^arXiv sent only 2 papers for 2025-12-08 where about \d+ are usual: refusing a likely broken answer/);
    expect(result.error).toMatch(/run `npm run ingest -- --accept-small` if arXiv really announced only 2 papers$/);
    await expectNothingStoredAndFailureRecorded(/--accept-small/);
    expect((await ctx.run()).state).toBe('failed'); // refused again until someone accepts it
  });

  it('a day refused as too small is stored when the operator accepts it', async () => {
    await storeBusyHistory();
    ctx.fake.setRss(fixture('rss-2025-12-08-cs-small.xml'));
    expect((await ctx.run()).state).toBe('failed');
    const accepted = await ctx.run({ acceptSmall: true });
    expect(accepted).toMatchObject({ state: 'ok', day: '2025-12-08', counts: { new: 1 } });
    expect((await readDay(ctx.store, '2025-12-08'))['cs.LG']?.map((p) => p.id)).toEqual(['2512.09106']);
    expect(await ctx.store.getStatus('ingest')).toMatchObject({ state: 'ok', detail: { acceptedSmall: { actual: 2 } } });
    expect((await ctx.run()).state).toBe('stale'); // the day is stored now, no flag needed
  });

  it('an answer whose items are all unreadable (a renamed field) is a failure, not a quiet day', async () => {
    ctx.fake.setRss(dropAnnounceType(fixture('rss-2025-12-08-cs.xml')));
    const result = await ctx.run();
    expect(result).toMatchObject({ state: 'failed', error: expect.stringMatching(/^arXiv's answer could not be read: 3 of 3 items are unreadable \(first: no announce type\)/) });
    expect(ctx.fake.requestsOf('rss')).toHaveLength(1); // asking again cannot change arXiv's format
    await expectNothingStoredAndFailureRecorded(/3 of 3 items are unreadable/, /^<\?xml version='1.0'/);
  });

  it('most items unreadable fails the run; a minority is skipped and counted', async () => {
    ctx.fake.setRss(dropAnnounceType(fixture('rss-2025-12-08-cs.xml'), ['2512.04752', '2512.09106']));
    expect(await ctx.run()).toMatchObject({ state: 'failed', error: expect.stringMatching(/2 of 3 items are unreadable/) });
    await expectNothingStoredAndFailureRecorded(/2 of 3 items/);
    ctx.fake.setRss(dropAnnounceType(fixture('rss-2025-12-08-cs.xml'), ['2512.09106']));
    expect(await ctx.run()).toMatchObject({ state: 'ok', day: '2025-12-08', counts: { fetched: 3, skipped: 1 } });
    expect((await readDay(ctx.store, '2025-12-08'))['cs.LG']?.map((p) => p.id)).not.toContain('2512.09106');
  });

  it('the next run after a failure simply tries again and stores the day', async () => {
    ctx.fake.always('rss', failures.status(500));
    expect((await ctx.run()).state).toBe('failed');
    ctx.fake.always('rss', null);
    expect((await ctx.run()).state).toBe('ok');
    expect((await readDay(ctx.store, '2025-12-08'))['cs.LG']).toBeDefined();
    expect(await ctx.store.getStatus('ingest')).toMatchObject({ state: 'ok' });
  });

  it('retries never run past the deadline', async () => {
    ctx.fake.always('rss', failures.unavailable(30));
    const started = Date.now();
    const result = await ctx.run({ deadline: Date.now() + 6_000 });
    expect(result.state).toBe('failed');
    expect(ctx.fake.requestsOf('rss')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('keeps requests at least ARXIV_MIN_INTERVAL_MS apart under retries', async () => {
    ctx.fake.always('rss', failures.status(502));
    await ctx.run();
    expect(Math.min(...gapsMs(ctx.fake.requests.map((r) => r.time)))).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
  });
});
