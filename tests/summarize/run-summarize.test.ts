/**
 * The summarize job against a local OpenAI-compatible server (real wire format, real `openai`
 * client): one call per wanted (paper version, language), however many profiles and feed reads
 * want it; failures retried across runs without duplicates; concurrent runs; budgets; deadline;
 * no key; providers without JSON mode.
 */
import { describe, expect, it } from 'vitest';
import { lockKey, SUMMARIZE_LOCK } from '../../lib/store/keys';
import type { Clock } from '../../lib/summarize/llm-retry';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import type { SummarizeResult } from '../../lib/jobs/summarize/summarize-result';
import { createSummaryClient } from '../../lib/summarize/summary-client';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { summaryToHtml } from '../../lib/feed/render-summary';
import type { FakeOpenAi } from '../../scripts/support/fake-openai';
import { feedView, NOW, setupSummarize, type SummarizeFixture } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();

/** Fresh fixture and a reset fake server (options replaced, request log emptied). */
async function fresh(options: FakeOpenAi['options'] = {}, env: Record<string, string> = {}) {
  world.fake.options = options;
  world.fake.requests.length = 0;
  world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env });
  return world.fx;
}

/** Waits are recorded and shortened, so Retry-After is checked without sleeping for it. */
function recordingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => Date.now(), sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, 5))) };
}

const run = (f: SummarizeFixture, extra: Partial<Parameters<typeof runSummarize>[1]> = {}, deps: Partial<Parameters<typeof runSummarize>[0]> = {}) =>
  runSummarize({ store: f.store, env: f.env, ...deps }, { now: NOW, deadline: Date.now() + 60_000, minCallWindowMs: 50, ...extra });

const duplicates = () => [...world.fake.answeredPerKey()].filter(([, n]) => n > 1);

describe('runSummarize: one call per wanted summary', () => {
  it('after two runs and many feed reads from several profiles, calls == distinct (paper version, language) wanted', async () => {
    const f = await fresh();
    const before = await feedView(f.store, f.env);
    // Two languages, overlapping profiles, a replaced paper: the set is what the feeds show.
    expect(before.wanted.size).toBeGreaterThan(10);
    expect([...before.wanted].some((k) => k.endsWith(':zh'))).toBe(true);
    expect([...before.wanted].some((k) => k.endsWith(':en'))).toBe(true);
    expect(before.items).toBeGreaterThan(before.wanted.size); // the same summary is wanted by several feeds
    expect(before.withSummary).toBe(0);

    const first = await run(f);
    expect(first.state).toBe('ok');
    expect(first.counts.candidates).toBe(before.wanted.size);
    expect(first.counts.summarized).toBe(before.wanted.size);
    expect(first.counts.backlog).toBe(0);
    const second = await run(f);
    expect(second.counts).toMatchObject({ candidates: before.wanted.size, cached: before.wanted.size, summarized: 0, calls: 0, backlog: 0 });

    for (let i = 0; i < 10; i++) {
      const view = await feedView(f.store, f.env);
      expect(view.withSummary).toBe(view.items);
    }
    expect(world.fake.calls).toBe(before.wanted.size);
    expect(new Set(world.fake.answeredPerKey().keys())).toEqual(before.wanted);
    expect(duplicates()).toEqual([]);
    expect(first.counts.calls).toBe(world.fake.calls);
    expect(first.counts.tokens).toBeGreaterThan(0);
    // The replaced paper's new version was summarized as its own key.
    expect([...before.wanted].some((k) => k.startsWith('2603.00009v2:'))).toBe(true);
    console.log(`[figures] wanted=${before.wanted.size} feedItems=${before.items} calls=${world.fake.calls} tokens=${first.counts.tokens} runs=2`);
  });

  it('records the run status health shows: counts, calls, tokens, backlog, last run', async () => {
    const f = await fresh();
    const result = await run(f, { trigger: 'test' });
    const status = await f.store.getStatus('summarize');
    expect(status).toMatchObject({ kind: 'summarize', state: 'ok', startedAt: NOW.toISOString() });
    expect(status!.counts).toMatchObject({ calls: result.counts.calls, tokens: result.counts.tokens, backlog: 0, failed: 0 });
    expect(status!.detail).toMatchObject({ trigger: 'test', model: 'fake-model' });
  });
});

describe('runSummarize: failures', () => {
  it('with 1 call in 3 failing (500, and 429 with Retry-After), reruns finish every summary with no duplicate', async () => {
    const f = await fresh({ failEvery: 3, retryAfterSeconds: 1 });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const clock = recordingClock();
    const results: SummarizeResult[] = [];
    for (let i = 0; i < 6 && (results.at(-1)?.counts.backlog ?? 1) > 0; i++)
      results.push(await run(f, {}, { clock, retryPolicy: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 5_000 } }));
    expect(results.at(-1)!.counts.backlog).toBe(0);
    expect(new Set(world.fake.answeredPerKey().keys())).toEqual(wanted);
    expect(duplicates()).toEqual([]);
    expect(world.fake.requests.filter((r) => r.status === 500).length).toBeGreaterThan(0);
    expect(world.fake.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    // Retry-After: 1 was honoured as 1000 ms; plain backoff waits are short.
    expect(clock.waits).toContain(1000);
    expect((await feedView(f.store, f.env)).withSummary).toBe((await feedView(f.store, f.env)).items);
    const calls = results.reduce((n, r) => n + r.counts.calls, 0);
    expect(calls).toBe(world.fake.calls);
    console.log(`[figures] 1-in-3 failing: wanted=${wanted.size} runs=${results.length} calls=${world.fake.calls} (ok ${world.fake.requests.filter((r) => r.status === 200).length}) failedPerRun=${results.map((r) => r.counts.failed).join(',')} waits=${clock.waits.length}`);
  });

  it('a paper that keeps failing is skipped this run, never blocks the others, and is retried next run', async () => {
    const f = await fresh({ failPapers: ['2603.00017'] });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const stuck = [...wanted].filter((k) => k.startsWith('2603.00017v1:'));
    expect(stuck.length).toBeGreaterThan(0);
    const first = await run(f, {}, { retryPolicy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 } });
    expect(first.state).toBe('ok');
    expect(first.counts.failed).toBe(stuck.length);
    expect(first.counts.summarized).toBe(wanted.size - stuck.length);
    expect(first.counts.backlog).toBe(stuck.length);
    expect(first.failures[0]).toMatchObject({ paper: '2603.00017v1' });
    expect(world.fake.callsFor('2603.00017')).toBe(3 * stuck.length);
    expect((await f.store.getStatus('summarize'))!.counts).toMatchObject({ failed: stuck.length, backlog: stuck.length });

    world.fake.options = {};
    const second = await run(f);
    expect(second.counts).toMatchObject({ summarized: stuck.length, failed: 0, backlog: 0 });
    expect(duplicates()).toEqual([]);
    expect(new Set(world.fake.answeredPerKey().keys())).toEqual(wanted);
  });

  it('a bad API key stops the run after the first answer (every call would fail), state failed with the reason', async () => {
    const f = await fresh({ apiKey: 'another-key' });
    const result = await run(f, { concurrency: 1 });
    expect(result.state).toBe('failed');
    expect(result.stoppedBy).toBe('provider');
    expect(world.fake.calls).toBe(1);
    expect(result.error).toMatch(/API key/i);
    expect(result.counts.skippedProvider).toBe(result.counts.candidates - 1);
    expect(await f.store.getStatus('summarize')).toMatchObject({ state: 'failed' });
  });

  it('a provider asking to come back much later (Retry-After past the cap) is not waited for', async () => {
    const f = await fresh({ failEvery: 1, retryAfterSeconds: 3600 });
    // failEvery 1: the first failure is a 500, the second a 429 with Retry-After: 3600.
    const clock = recordingClock();
    const result = await run(f, { concurrency: 1 }, { clock, retryPolicy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 5_000 } });
    expect(result.stoppedBy).toBe('provider');
    expect(result.error).toMatch(/retry after 3600 s/);
    expect(world.fake.calls).toBe(2);
    expect(clock.waits.every((w) => w <= 5_000)).toBe(true);
  });
});

describe('runSummarize: concurrency', () => {
  it('two runs at once: one takes the run lock, the other returns "locked"; no summary is made twice', async () => {
    const f = await fresh({ delayMs: 20 });
    const [a, b] = await Promise.all([run(f), run(f)]);
    expect([a.state, b.state].sort()).toEqual(['locked', 'ok']);
    expect(duplicates()).toEqual([]);
  });

  it('runs that overlap despite the run lock (expired TTL) still never summarize a key twice (per-key locks)', async () => {
    const f = await fresh({ delayMs: 40 });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const first = run(f, { concurrency: 2 });
    // Simulate the run lock expiring under a slow first run, then start more runs.
    await new Promise((r) => setTimeout(r, 60));
    await f.store.driver.del([f.prefix + lockKey(SUMMARIZE_LOCK)]);
    const second = run(f, { concurrency: 3 });
    await new Promise((r) => setTimeout(r, 60));
    await f.store.driver.del([f.prefix + lockKey(SUMMARIZE_LOCK)]);
    const third = run(f, { concurrency: 3 });
    const results = await Promise.all([first, second, third]);
    expect(results.every((r) => r.state === 'ok')).toBe(true);
    expect(duplicates()).toEqual([]);
    expect(results.reduce((n, r) => n + r.counts.busy, 0)).toBeGreaterThan(0);
    expect(results.reduce((n, r) => n + r.counts.summarized, 0)).toBe(world.fake.calls);
    // Whatever a busy key left behind is finished (or indexed) by the next run.
    const last = await run(f);
    expect(last.counts.backlog).toBe(0);
    expect(new Set(world.fake.answeredPerKey().keys())).toEqual(wanted);
    expect(duplicates()).toEqual([]);
  });
});

describe('runSummarize: budgets and deadline', () => {
  it('SUMMARY_MAX_PAPERS bounds each run; the backlog shrinks run by run, most relevant first', async () => {
    const f = await fresh({}, { SUMMARY_MAX_PAPERS: '4' });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const first = await run(f);
    expect(first.counts.summarized).toBe(4);
    expect(first.counts.calls).toBe(4);
    expect(first.counts.skippedBudget).toBe(wanted.size - 4);
    expect(first.counts.backlog).toBe(wanted.size - 4);
    expect(first.stoppedBy).toBe('papers');
    const second = await run(f);
    expect(second.counts.summarized).toBe(4);
    expect(second.counts.backlog).toBe(wanted.size - 8);
    expect(duplicates()).toEqual([]);
  });

  it('SUMMARY_MAX_TOKENS bounds the tokens a run spends', async () => {
    const f = await fresh({}, { SUMMARY_MAX_TOKENS: '900' });
    const result = await run(f, { concurrency: 1 });
    expect(result.counts.tokens).toBeLessThanOrEqual(900);
    expect(result.counts.summarized).toBeGreaterThan(0);
    expect(result.stoppedBy).toBe('tokens');
    expect(result.counts.backlog).toBeGreaterThan(0);
    console.log(`[figures] token budget 900: summarized=${result.counts.summarized} tokens=${result.counts.tokens}`);
  });

  it('stops before the deadline and the next run resumes the backlog', async () => {
    const f = await fresh({ delayMs: 250 });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const started = Date.now();
    const first = await run(f, { deadline: started + 2_500, concurrency: 1, minCallWindowMs: 300 });
    const took = Date.now() - started;
    expect(took).toBeLessThan(2_500);
    expect(first.stoppedBy).toBe('deadline');
    expect(first.counts.summarized).toBeGreaterThan(0);
    expect(first.counts.summarized).toBeLessThan(wanted.size);
    expect(first.counts.skippedDeadline).toBeGreaterThan(0);
    world.fake.options = {};
    const second = await run(f);
    expect(second.counts.cached).toBe(first.counts.summarized);
    expect(second.counts.backlog).toBe(0);
    expect(duplicates()).toEqual([]);
  });
});

describe('runSummarize: providers', () => {
  it('without OPENAI_API_KEY: no calls, quick return, status "disabled" with the reason', async () => {
    world.fake.requests.length = 0;
    world.fx = await setupSummarize({ fakeBaseURL: null });
    expect(createSummaryClient(world.fx.env)).toBeNull();
    const result = await runSummarize({ store: world.fx.store, env: world.fx.env }, { now: NOW, deadline: Date.now() + 60_000 });
    expect(result.state).toBe('disabled');
    expect(result.error).toMatch(/OPENAI_API_KEY/);
    expect(world.fake.calls).toBe(0);
    const status = await world.fx.store.getStatus('summarize');
    expect(status).toMatchObject({ state: 'disabled', detail: { reason: expect.stringMatching(/OPENAI_API_KEY/) } });
    // Feeds still work, without summaries.
    const view = await feedView(world.fx.store, world.fx.env);
    expect(view.items).toBeGreaterThan(0);
    expect(view.withSummary).toBe(0);
  });

  it('a provider refusing response_format (400): plain text is stored and shown; one extra call per run', async () => {
    const f = await fresh({ mode: 'reject-json-mode' });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const result = await run(f, { concurrency: 1 });
    expect(result.counts.summarized).toBe(wanted.size);
    expect(world.fake.calls).toBe(wanted.size + 1);
    expect(world.fake.requests.filter((r) => r.jsonMode).length).toBe(1);
    const [first] = [...wanted];
    const [id, rest] = first!.split('v');
    const summary = await f.store.getSummary(id!, Number(rest!.split(':')[0]), summaryScope(rest!.split(':')[1]!, f.env));
    expect(summary?.content).toBeNull();
    expect(summary?.text).toMatch(/TL;DR/);
    expect(summaryToHtml(summary!)).toContain('<strong>TL;DR</strong>');
    expect((await feedView(f.store, f.env)).withSummary).toBeGreaterThan(0);
  });

  it('a provider answering prose despite JSON mode: falls back to text after two unparsable answers', async () => {
    const f = await fresh({ mode: 'prose' });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const result = await run(f, { concurrency: 1 });
    expect(result.counts.summarized).toBe(wanted.size);
    expect(world.fake.calls).toBe(wanted.size + 2);
    expect(duplicates().every(([, n]) => n === 2)).toBe(true); // the unparsable answers were not stored
  });
});
