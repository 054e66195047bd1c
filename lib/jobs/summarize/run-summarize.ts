/**
 * The summarize job: find the summaries some profile's feed wants (the default and saved profiles,
 * then the anonymous selections readers poll: load-profiles.ts), most relevant first, and make
 * the missing ones within the run's budgets (SUMMARY_MAX_PAPERS, SUMMARY_MAX_TOKENS) and before
 * its deadline; whatever is left is the backlog the next run (or a lazy drain) resumes.
 * - One run at a time (run lock); one LLM call per key ever (per-key lock + cache re-check). A
 *   full run that finds a lazy drain holding the lock waits for it (`waitForDrainMs`).
 * - A few calls in flight at once, so a 60 s function finishes dozens of papers.
 * - A paper that keeps failing is skipped and retried next run; a provider that refuses every
 *   call (bad key, unknown model, quota pause, many failures in a row) stops the run early.
 * - With EMBEDDINGS_MODEL, a full run first embeds the saved profiles' new papers and computes
 *   their embedding points (embed-step.ts), also when summaries are off.
 * - Without OPENAI_API_KEY no summary is attempted and the status says so.
 * - A handful of log lines per run (what is wanted, progress, the result, one per failure kind).
 * Plain function of (deps, now, deadline) returning counts: the cron route, `npm run summarize`
 * and tests share it.
 */
import { paperFileFetcher } from '../../arxiv/fetch-paper-file';
import type { Env } from '../../env';
import { RUN_LOCK_TTL_SECONDS, SUMMARIZE_LOCK, SUMMARIZE_STATUS_KIND, summarizeLockTtlSeconds } from '../../store/keys';
import { keepLockAlive } from '../../store/lock-heartbeat';
import { lockHolderOf } from '../../store/run-state';
import type { RunStatus, Store } from '../../store/store';
import { fullTextSettings } from '../../summarize/fulltext/full-text-settings';
import { realClock, type Clock, type RetryPolicy } from '../../summarize/llm-retry';
import { newProviderState } from '../../summarize/request-summary';
import { createSummaryClient, type SummaryClient } from '../../summarize/summary-client';
import { createEmbedder, type Embedder } from '../../summarize/embedding-client';
import { embedUnderRunLock, EMBED_SHARE_OF_RUN, runEmbedStep } from './embed-step';
import type { PaperContext } from '../../summarize/summarize-paper';
import { findWantedSummaries } from './find-wanted';
import { loadProfiles, type NamedProfile } from './load-profiles';
import { processList } from './process-list';
import { MIN_CALL_WINDOW_MS, RunBudget } from './run-budget';
import { acquireRunLock } from './run-lock';
import { serializer } from './serialize-writes';
import { describeRun, zeroCounts, type SummarizeResult } from './summarize-result';

/** Calls in flight at once for an env without SUMMARY_CONCURRENCY (lib/env.ts has the reasoning); 429s are retried. */
export const SUMMARY_CONCURRENCY = 6;
/** Finding the wanted summaries may use this share of the run's time; the calls need the rest. */
const FIND_SHARE_OF_RUN = 1 / 3;
/** Retries logged one by one; further ones are only counted (`counts.retries`). */
const LOGGED_RETRIES = 3;
const DAY_MS = 86_400_000;

export type SummarizeDeps = {
  store: Store;
  env: Env;
  /** Omitted: created from env; null: summaries disabled. */
  client?: SummaryClient | null;
  /** Omitted: created from env (EMBEDDINGS_MODEL); null: no embedding step. */
  embedder?: Embedder | null;
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
  /**
   * Serve these profiles instead of every saved one (the lazy drain serves the feed just read).
   * Such a run's status keeps the last full run's backlog, less what it summarized.
   */
  profiles?: NamedProfile[];
  /** How long to wait for a lazy drain holding the run lock (the cron run); 0: answer "locked" at once. */
  waitForDrainMs?: number;
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
type LockedRun = Run & { client: SummaryClient; lockTtlSeconds: number; embedder: Embedder | null };

function startRun(deps: SummarizeDeps, options: SummarizeOptions): Run {
  const log = deps.log ?? (() => {});
  const clock = deps.clock ?? realClock;
  const startedAt = options.now.toISOString();
  const startMs = clock.now();
  const result: SummarizeResult = { state: 'ok', counts: zeroCounts(), stoppedBy: null, failures: [], failureKinds: [], startedAt, finishedAt: startedAt };
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
  // A run for a few profiles (the lazy drain after a feed request) never embeds.
  const embedder = options.profiles ? null : deps.embedder === undefined ? createEmbedder(deps.env) : deps.embedder;
  if (!client) {
    if (embedder) result.embeddings = (await embedUnderRunLock({ store: deps.store, embedder, log, now: clock.now }, embedOptions(options, clock))) ?? undefined;
    result.state = 'disabled';
    result.error = 'OPENAI_API_KEY is not set: feeds are served without summaries.';
    const embeddings = result.embeddings ? { embeddings: { ...result.embeddings } } : {};
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'disabled', startedAt, finishedAt: startedAt, counts: {}, detail: { ...detail, reason: result.error, ...embeddings } });
    log(result.error);
    return run.finish();
  }

  const lockTtlSeconds = summarizeLockTtlSeconds(options.deadline - clock.now());
  // Never wait so long that no call fits after the drain is done.
  const waitForDrainMs = Math.min(options.waitForDrainMs ?? 0, options.deadline - clock.now() - (options.minCallWindowMs ?? MIN_CALL_WINDOW_MS));
  // The run lock is short and renewed while the run lives; per-summary locks keep lockTtlSeconds.
  const runToken = await acquireRunLock(deps.store, RUN_LOCK_TTL_SECONDS, { waitForDrainMs, clock });
  if (!runToken) {
    result.state = 'locked';
    log('another summarize run holds the lock; nothing to do');
    return run.finish();
  }
  const lease = keepLockAlive(deps.store, SUMMARIZE_LOCK, runToken, RUN_LOCK_TTL_SECONDS);
  try {
    const lock = lockHolderOf(runToken) ?? undefined;
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'running', startedAt, counts: {}, detail, lock });
    await summarizeLocked(deps, options, { ...run, client, lockTtlSeconds, embedder });
    return run.finish();
  } catch (err) {
    result.state = 'failed';
    result.error = err instanceof Error ? err.message : String(err);
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'failed', startedAt, finishedAt: run.finish().finishedAt, counts: { ...result.counts }, error: result.error, detail }).catch(() => {});
    throw err;
  } finally {
    await lease.stop();
    await deps.store.releaseLock(SUMMARIZE_LOCK, runToken).catch(() => false);
  }
}

/** The backlog to report: the run's own, or for a run over a few profiles the last full run's less what it made. */
async function reportedBacklog(deps: SummarizeDeps, options: SummarizeOptions, result: SummarizeResult): Promise<number> {
  if (!options.profiles) return result.counts.backlog;
  const last = (await deps.store.getStatus(SUMMARIZE_STATUS_KIND))?.counts.backlog;
  return typeof last === 'number' && Number.isFinite(last) ? Math.max(0, last - result.counts.summarized) : result.counts.backlog;
}

/** The run under its lock: find what is wanted, work through it, record how far it got. */
async function summarizeLocked(deps: SummarizeDeps, options: SummarizeOptions, run: LockedRun): Promise<void> {
  const { store, env } = deps;
  const { result, startedAt, detail, log, clock } = run;
  if (run.embedder) result.embeddings = await runEmbedStep({ store, embedder: run.embedder, log, now: clock.now }, embedOptions(options, clock));
  const profiles = options.profiles ?? (await loadProfiles(store, env, log, options.now));
  const found = await findWantedSummaries(store, env, profiles, {
    rotation: Math.floor(options.now.getTime() / DAY_MS),
    readUntil: clock.now() + (options.deadline - clock.now()) * FIND_SHARE_OF_RUN,
    now: () => clock.now(),
  });
  const counts = result.counts;
  Object.assign(counts, { profiles: profiles.length, candidates: found.candidates, cached: found.done, windows: found.windowsRead, profilesLeftOut: found.profilesLeftOut });
  log(`${found.candidates} summaries wanted by ${profiles.length} profile(s), ${found.wanted.length} to make or index (${found.windowsRead} windows read${found.profilesLeftOut ? `, ${found.profilesLeftOut} profile(s) left for the next run` : ''})`);

  const fullTextMaxChars = env.SUMMARY_SOURCE === 'fulltext' ? env.SUMMARY_FULLTEXT_MAX_CHARS : undefined;
  const budget = new RunBudget(options.maxPapers ?? env.SUMMARY_MAX_PAPERS, env.SUMMARY_MAX_TOKENS, options.deadline, options.minCallWindowMs ?? MIN_CALL_WINDOW_MS, clock, fullTextMaxChars);
  await processList(paperContext(deps, options, run, budget), budget, found.wanted, result, options.concurrency ?? env.SUMMARY_CONCURRENCY ?? SUMMARY_CONCURRENCY, log);

  counts.tokens = budget.tokensSpent;
  counts.backlog = counts.candidates - counts.cached - counts.summarized;
  result.stoppedBy = budget.stoppedBy;
  result.failureKinds.sort((a, b) => b.count - a.count);
  // Failing without a single success is a failed run; a few failures among successes are retried next run.
  result.state = counts.failed > 0 && counts.summarized === 0 ? 'failed' : 'ok';
  log(describeRun(result));
  for (const k of result.failureKinds) log(`  failed ×${k.count}: ${k.example}`);
  await writeStatus(deps, options, {
    kind: SUMMARIZE_STATUS_KIND,
    state: result.state,
    startedAt,
    finishedAt: run.finish().finishedAt,
    counts: { ...counts, backlog: await reportedBacklog(deps, options, result) },
    ...(result.error && result.state === 'failed' ? { error: result.error } : {}),
    detail: {
      ...detail,
      stoppedBy: result.stoppedBy,
      failures: counts.failed,
      ...(result.error ? { lastError: result.error.slice(0, 300) } : {}),
      ...(result.embeddings ? { embeddings: { ...result.embeddings } } : {}),
    },
  });
}

/** The embedding step's share of the time left, and its turn (the day number, like the summaries' windows). */
const embedOptions = (options: SummarizeOptions, clock: Clock) => ({
  now: options.now,
  untilMs: clock.now() + (options.deadline - clock.now()) * EMBED_SHARE_OF_RUN,
  rotation: Math.floor(options.now.getTime() / DAY_MS),
});

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
    // Downloads go through the global arXiv throttle like every other arXiv request.
    fullText: fullTextSettings(deps.env, paperFileFetcher({ store: deps.store, log: run.log }, deps.env)),
    serialize: serializer(),
    request: {
      provider: newProviderState(),
      deadlineMs: options.deadline,
      clock: run.clock,
      policy: deps.retryPolicy,
      onCall: () => counts.calls++,
      onRetry: ({ attempt, waitMs, error }) => {
        if (++counts.retries <= LOGGED_RETRIES) run.log(`  retry ${attempt} in ${Math.round(waitMs)} ms: ${(error as Error).message}`);
        if (counts.retries === LOGGED_RETRIES) run.log('  (further retries are counted, not logged)');
      },
    },
  };
}
