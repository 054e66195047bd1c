/**
 * The daily cron run and a lazy drain at the same time: a drain of three papers holding the run
 * lock once made the cron answer `{"state":"locked"}` with the day's work undone. The cron now
 * waits for the drain and does its work; another full run holding the lock is still answered
 * "locked" at once. Each summary is still requested once.
 */
import { describe, expect, it } from 'vitest';
import { drainSummaries, DRAIN_MAX_PAPERS } from '../../lib/jobs/summarize/drain-summaries';
import { SUMMARIZE_LOCK } from '../../lib/store/keys';
import { callRoute } from '../reliability/helpers/call-route';
import { NOW, setupSummarize } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();
const auth = { authorization: 'Bearer cron-secret-for-tests' };

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('cron summarize run and lazy drain at once', () => {
  it('the cron waits for the drain, then summarizes the rest; no summary is made twice', async () => {
    world.fake.options = { delayMs: 400 };
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env: { SUMMARY_MAX_PAPERS: '1000' } });
    const drain = drainSummaries({ store: world.fx.store, env: world.fx.env }, { now: NOW });
    // The drain holds the run lock and its calls are in flight.
    await until(() => world.fake.requests.length > 0);
    const cron = await callRoute('GET /api/cron/summarize', { headers: auth });
    const body = await cron.json();
    const drained = await drain;
    expect(drained?.counts.summarized).toBe(DRAIN_MAX_PAPERS);
    expect(cron.status).toBe(200);
    expect(body.state).toBe('ok');
    expect(body.counts.summarized).toBeGreaterThan(0);
    expect(body.counts.backlog).toBe(0);
    expect(body.counts.cached).toBeGreaterThanOrEqual(DRAIN_MAX_PAPERS);
    expect([...world.fake.answeredPerKey().values()].every((n) => n === 1)).toBe(true);
    world.fake.options = {};
  });

  it('another full run holding the lock is answered "locked" at once, without waiting', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const token = await world.fx.store.acquireLock(SUMMARIZE_LOCK, 60);
    const started = Date.now();
    const body = await (await callRoute('GET /api/cron/summarize', { headers: auth })).json();
    expect(body.state).toBe('locked');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(world.fake.calls).toBe(0);
    await world.fx.store.releaseLock(SUMMARIZE_LOCK, token!);
  });
});
