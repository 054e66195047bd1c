/** The lazy drain after a feed request: bounded, cooled down, a no-op without a key or while a run holds the lock. */
import { describe, expect, it } from 'vitest';
import { drainSummaries, DRAIN_MAX_PAPERS } from '../../lib/jobs/summarize/drain-summaries';
import { SUMMARIZE_LOCK } from '../../lib/store/keys';
import { NOW, setupSummarize } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();


describe('drainSummaries', () => {
  it('summarizes a few papers, then cools down; the status says it was a drain', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const deps = { store: world.fx.store, env: world.fx.env };
    const first = await drainSummaries(deps, { now: NOW });
    expect(first?.counts.summarized).toBe(DRAIN_MAX_PAPERS);
    expect(world.fake.calls).toBe(DRAIN_MAX_PAPERS);
    expect(await world.fx.store.getStatus('summarize')).toMatchObject({ state: 'ok', detail: { trigger: 'drain' } });
    // Same cooldown window: nothing happens.
    expect(await drainSummaries(deps, { now: new Date(NOW.getTime() + 1_000) })).toBeNull();
    expect(world.fake.calls).toBe(DRAIN_MAX_PAPERS);
    // Next window: the backlog keeps draining, without duplicates.
    const later = await drainSummaries(deps, { now: new Date(NOW.getTime() + 3_600_000) });
    expect(later?.counts).toMatchObject({ summarized: DRAIN_MAX_PAPERS, cached: DRAIN_MAX_PAPERS });
    expect([...world.fake.answeredPerKey().values()].every((n) => n === 1)).toBe(true);
  });

  it('is a no-op while a run holds the lock, and without an API key', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const token = await world.fx.store.acquireLock(SUMMARIZE_LOCK, 60);
    expect(await drainSummaries({ store: world.fx.store, env: world.fx.env }, { now: NOW })).toBeNull();
    await world.fx.store.releaseLock(SUMMARIZE_LOCK, token!);
    expect(await drainSummaries({ store: world.fx.store, env: world.fx.env, client: null }, { now: new Date(NOW.getTime() + 3_600_000) })).toBeNull();
    expect(world.fake.calls).toBe(0);
    expect(await world.fx.store.getStatus('summarize')).toBeNull();
  });

  it('leaves the last run status alone when it had nothing to do', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env: { SUMMARY_MAX_PAPERS: '100' } });
    const deps = { store: world.fx.store, env: world.fx.env };
    await drainSummaries(deps, { now: NOW, maxPapers: 100 });
    const before = await world.fx.store.getStatus('summarize');
    const idle = await drainSummaries(deps, { now: new Date(NOW.getTime() + 3_600_000) });
    expect(idle?.counts.calls).toBe(0);
    expect(await world.fx.store.getStatus('summarize')).toEqual(before);
  });
});
