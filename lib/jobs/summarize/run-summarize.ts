/**
 * The summarize job: find the summaries some profile's feed wants, most relevant first, and make
 * the missing ones within the run's budgets (SUMMARY_MAX_PAPERS, SUMMARY_MAX_TOKENS) and before
 * its deadline; whatever is left is the backlog the next run (or a lazy drain) resumes.
 * - One run at a time (run lock); one LLM call per key ever (per-key lock + cache re-check).
 * - A few calls in flight at once, so a 60 s function finishes dozens of papers.
 * - A paper that keeps failing is skipped and retried next run; a provider that refuses every
 *   call (bad key, unknown model, quota pause, many failures in a row) stops the run early.
 * - Without OPENAI_API_KEY nothing is attempted and the status says so.
 * Plain function of (deps, now, deadline) returning counts: the cron route, `npm run summarize`
 * and tests share it.
 */
import type { Env } from '../../env';
import { SUMMARIZE_LOCK, SUMMARIZE_STATUS_KIND, summarizeLockTtlSeconds } from '../../store/keys';
import type { RunStatus, Store } from '../../store/store';
import { realClock, type Clock, type RetryPolicy } from '../../summarize/llm-retry';
import { newProviderState } from '../../summarize/request-summary';
import { createSummaryClient, type SummaryClient } from '../../summarize/summary-client';
import type { PaperContext } from '../../summarize/summarize-paper';
import { findWantedSummaries } from './find-wanted';
import { loadProfiles } from './load-profiles';
import { processList } from './process-list';
import { MIN_CALL_WINDOW_MS, RunBudget } from './run-budget';
import { serializer } from './serialize-writes';
import { zeroCounts, type SummarizeResult } from './summarize-result';

/** Calls in flight at once; providers' per-minute limits are the bound, 429s are retried. */
export const SUMMARY_CONCURRENCY = 4;

export type SummarizeDeps = {
  store: Store;
  env: Env;
  /** Omitted: created from env; null: summaries disabled. */
  client?: SummaryClient | null;
  log?: (line: string) => void;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
};

export type SummarizeOptions = {
  now: Date;
  /** Epoch ms by which the run must have returned. */
  deadline: number;
  /** Override SUMMARY_MAX_PAPERS (the lazy drain uses a handful). */
  maxPapers?: number;
  concurrency?: number;
  minCallWindowMs?: number;
  /** Who started the run, recorded in the status (`cron`, `cli`, `drain`). */
  trigger?: string;
  /** When to write the run status: always (default), only when the run called the LLM, or never. */
  recordStatus?: 'always' | 'if-called' | 'never';
};

/** One run's result in the making, and what every status write of the run repeats. */
type Run = {
  result: SummarizeResult;
  startedAt: string;
  detail: { trigger: string; model: string };
  clock: Clock;
  log: (line: string) => void;
  /** The result with the finish time of now. */
  finish: () => SummarizeResult;
};

/** A run that holds the run lock and has a client to call. */
type LockedRun = Run & { client: SummaryClient; lockTtlSeconds: number };

function startRun(deps: SummarizeDeps, options: SummarizeOptions): Run {
  const log = deps.log ?? (() => {});
  const clock = deps.clock ?? realClock;
  const startedAt = options.now.toISOString();
  const startMs = clock.now();
  const result: SummarizeResult = { state: 'ok', counts: zeroCounts(), stoppedBy: null, failures: [], startedAt, finishedAt: startedAt };
  // `now` may be a fixed test clock: the finish time is that plus the time the run took.
  const finish = () => ({ ...result, finishedAt: new Date(options.now.getTime() + (clock.now() - startMs)).toISOString() });
  return { result, startedAt, detail: { trigger: options.trigger ?? 'cron', model: deps.env.SUMMARY_MODEL }, clock, log, finish };
}

async function writeStatus(deps: SummarizeDeps, options: SummarizeOptions, status: RunStatus): Promise<void> {
  const when = options.recordStatus ?? 'always';
  if (when === 'never' || (when === 'if-called' && !status.counts.calls)) return;
  await deps.store.putStatus(status);
}

export async function runSummarize(deps: SummarizeDeps, options: SummarizeOptions): Promise<SummarizeResult> {
  const run = startRun(deps, options);
  const { result, startedAt, detail, clock, log } = run;
  const client = deps.client === undefined ? createSummaryClient(deps.env) : deps.client;
  if (!client) {
    result.state = 'disabled';
    result.error = 'OPENAI_API_KEY is not set: feeds are served without summaries.';
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'disabled', startedAt, finishedAt: startedAt, counts: {}, detail: { ...detail, reason: result.error } });
    log(result.error);
    return run.finish();
  }

  const lockTtlSeconds = summarizeLockTtlSeconds(options.deadline - clock.now());
  const runToken = await deps.store.acquireLock(SUMMARIZE_LOCK, lockTtlSeconds);
  if (!runToken) {
    result.state = 'locked';
    log('another summarize run holds the lock; nothing to do');
    return run.finish();
  }
  try {
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'running', startedAt, counts: {}, detail });
    await summarizeLocked(deps, options, { ...run, client, lockTtlSeconds });
    return run.finish();
  } catch (err) {
    result.state = 'failed';
    result.error = err instanceof Error ? err.message : String(err);
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'failed', startedAt, finishedAt: run.finish().finishedAt, counts: { ...result.counts }, error: result.error, detail }).catch(() => {});
    throw err;
  } finally {
    await deps.store.releaseLock(SUMMARIZE_LOCK, runToken).catch(() => false);
  }
}

/** The run under its lock: find what is wanted, work through it, record how far it got. */
async function summarizeLocked(deps: SummarizeDeps, options: SummarizeOptions, run: LockedRun): Promise<void> {
  const { store, env } = deps;
  const { result, startedAt, detail, log } = run;
  const profiles = await loadProfiles(store, env, log);
  const wanted = await findWantedSummaries(store, env, profiles);
  const counts = result.counts;
  counts.profiles = profiles.length;
  counts.candidates = wanted.length;
  log(`${wanted.length} summaries wanted by ${profiles.length} profile(s)`);

  const budget = new RunBudget(options.maxPapers ?? env.SUMMARY_MAX_PAPERS, env.SUMMARY_MAX_TOKENS, options.deadline, options.minCallWindowMs ?? MIN_CALL_WINDOW_MS, run.clock);
  await processList(paperContext(deps, options, run, budget), budget, wanted, result, options.concurrency ?? SUMMARY_CONCURRENCY, log);

  counts.tokens = budget.tokensSpent;
  counts.backlog = counts.candidates - counts.cached - counts.summarized;
  result.stoppedBy = budget.stoppedBy;
  // Failing without a single success is a failed run; a few failures among successes are retried next run.
  result.state = counts.failed > 0 && counts.summarized === 0 ? 'failed' : 'ok';
  await writeStatus(deps, options, {
    kind: SUMMARIZE_STATUS_KIND,
    state: result.state,
    startedAt,
    finishedAt: run.finish().finishedAt,
    counts: { ...counts },
    ...(result.error && result.state === 'failed' ? { error: result.error } : {}),
    detail: { ...detail, stoppedBy: result.stoppedBy, failures: result.failures.length, ...(result.error ? { lastError: result.error.slice(0, 300) } : {}) },
  });
}

/** What each paper's step needs: the client, room in the run's budgets, serialized writes, call counting. */
function paperContext(deps: SummarizeDeps, options: SummarizeOptions, run: LockedRun, budget: RunBudget): PaperContext {
  const counts = run.result.counts;
  return {
    store: deps.store,
    client: run.client,
    model: deps.env.SUMMARY_MODEL,
    now: options.now,
    lockTtlSeconds: run.lockTtlSeconds,
    reserve: (item) => budget.reserve(item),
    serialize: serializer(),
    request: {
      provider: newProviderState(),
      deadlineMs: options.deadline,
      clock: run.clock,
      policy: deps.retryPolicy,
      onCall: () => counts.calls++,
      onRetry: ({ attempt, waitMs, error }) => run.log(`  retry ${attempt} in ${Math.round(waitMs)} ms: ${(error as Error).message}`),
    },
  };
}
