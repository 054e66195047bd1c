/**
 * 5c. Summary throughput (issue 13): papers one deadline-bound summarize run makes against a slow
 * LLM, with SUMMARY_CONCURRENCY calls in flight, against the same run with one call at a time (the
 * yardstick, same bench). A 60 s run against a 2 s/call model, scaled down 5×: a 12 s run, a local
 * OpenAI-compatible server answering after 400 ms (tests/helpers/fake-openai.ts), the run's
 * minimum call window scaled alike. Every 20th request fails (500, then 429 with Retry-After), so
 * the retries and their waits are in the figure too.
 */
import { performance } from 'node:perf_hooks';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import { MIN_CALL_WINDOW_MS } from '../../lib/jobs/summarize/run-budget';
import type { Profile } from '../../lib/model/profile';
import type { FakeArxiv } from '../support/fake-arxiv';
import { FakeOpenAi } from '../support/fake-openai';
import { openBackend } from './backends';
import { BUSY_SOURCES, type BenchDay } from './data/bench-days';
import { figure, fmt, type Figure } from './harness';
import { ingestDay } from './ingest-days';

/** The real run and call, divided by this. */
const SCALE = 5;
const RUN_MS = 60_000 / SCALE;
const CALL_MS = 2_000 / SCALE;
const FAIL_EVERY = 20;
const RETRY_AFTER_SECONDS = 1;

/** Every paper of the day is wanted: the run's deadline, not the list, ends it. */
const PROFILE: Profile = { categories: BUSY_SOURCES, keywords: [], exclude: [], authors: [], min_score: 0, limit: 500, types: ['new', 'cross'], days: 1 };

type Rate = { inFlight: number; summarized: number; calls: number; retries: number; failed: number; ms: number; stoppedBy: string | null };

async function measure(arxiv: FakeArxiv, day: BenchDay, concurrency: number | undefined): Promise<Rate> {
  const fake = await FakeOpenAi.start({ delayMs: CALL_MS, failEvery: FAIL_EVERY, retryAfterSeconds: RETRY_AFTER_SECONDS });
  const backend = await openBackend('embedded', `rate${concurrency ?? 'env'}`);
  try {
    await ingestDay(backend, arxiv, day, BUSY_SOURCES);
    const env = backend.env({
      OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.baseURL, SUMMARY_MODEL: 'fake-model', SUMMARY_MAX_PAPERS: '10000', SUMMARY_MAX_TOKENS: '100000000',
      ARXIV_CATEGORIES: BUSY_SOURCES.join(','),
    });
    const start = performance.now();
    const result = await runSummarize(
      { store: backend.store, env },
      {
        now: new Date(`${day.day}T12:00:00Z`),
        deadline: Date.now() + RUN_MS,
        recordStatus: 'never',
        minCallWindowMs: MIN_CALL_WINDOW_MS / SCALE,
        profiles: [{ name: 'bench', profile: PROFILE }],
        // Undefined: what the deployment's SUMMARY_CONCURRENCY (default) gives.
        ...(concurrency ? { concurrency } : {}),
      },
    );
    const c = result.counts;
    return { inFlight: concurrency ?? env.SUMMARY_CONCURRENCY, summarized: c.summarized, calls: c.calls, retries: c.retries, failed: c.failed, ms: performance.now() - start, stoppedBy: result.stoppedBy ?? null };
  } finally {
    await backend.cleanup();
    await fake.close();
  }
}

export async function benchSummaryRate(arxiv: FakeArxiv, day: BenchDay): Promise<Figure[]> {
  const serial = await measure(arxiv, day, 1);
  const concurrent = await measure(arxiv, day, undefined);
  const ratio = concurrent.summarized / serial.summarized;
  const perSecond = (r: Rate) => r.summarized / (r.ms / 1000);
  const describe = (r: Rate) =>
    `${fmt(r.summarized)} summarized in ${fmt(r.ms / 1000, 1)} s (${fmt(perSecond(r), 1)}/s), ${fmt(r.calls)} calls incl. ${fmt(r.retries)} retries, ${fmt(r.failed)} failed, stopped by ${r.stoppedBy ?? 'nothing'}`;
  return [
    figure({
      section: '5 summaries',
      what: `papers summarized in a 60 s run against a 2 s/call LLM (scaled ${SCALE}×: ${fmt(RUN_MS / 1000)} s run, ${fmt(CALL_MS)} ms calls), ${concurrent.inFlight} calls in flight (SUMMARY_CONCURRENCY default)`,
      value: `${fmt(concurrent.summarized)} papers (${fmt(perSecond(concurrent), 1)}/s)`,
      ratio: { value: ratio, against: `÷ one call at a time: ${fmt(serial.summarized)} papers`, digits: 1 },
      target: { op: '>=', limit: 4, on: ratio, text: '≥ 4×' },
      note:
        `in flight: ${describe(concurrent)}; one at a time: ${describe(serial)}. Every ${FAIL_EVERY}th request fails (500, then 429 with Retry-After ${RETRY_AFTER_SECONDS} s), retried within the run. ` +
        'The run finds its wanted list, then starts calls until the scaled minimum call window is left.',
    }),
  ];
}
