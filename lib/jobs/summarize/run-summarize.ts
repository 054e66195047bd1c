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
import type { RunStatus, Store } from '../../store/store';
import type { WantedSummary } from '../../summarize/wanted-summary';
import { findWantedSummaries } from './find-wanted';
import { realClock, type Clock, type RetryPolicy } from '../../summarize/llm-retry';
import { loadProfiles } from './load-profiles';
import { newProviderState } from '../../summarize/request-summary';
import { createSummaryClient, type SummaryClient } from '../../summarize/summary-client';
import { buildSummaryMessages, estimateTokens } from '../../summarize/summary-prompt';
import { summarizePaper, type PaperContext, type PaperOutcome, type Reservation, type SkipReason } from '../../summarize/summarize-paper';

export const SUMMARIZE_STATUS_KIND = 'summarize';
export const RUN_LOCK_NAME = 'summarize';
/** Calls in flight at once; providers' per-minute limits are the bound, 429s are retried. */
export const SUMMARY_CONCURRENCY = 4;
/** No new call starts with less time than this left before the deadline (a call takes 2–15 s). */
export const MIN_CALL_WINDOW_MS = 8_000;
/** Completion tokens assumed before the run has seen a real answer. */
const TYPICAL_COMPLETION_TOKENS = 400;
/** This many papers failing in a row means the provider is down, not the papers. */
export const MAX_FAILURES_IN_A_ROW = 6;
/** Store reads still start this close to the deadline; LLM calls need MIN_CALL_WINDOW_MS. */
const READ_MARGIN_MS = 1_000;
/** Locks outlive the run's deadline by this much, so a killed run frees them soon after. */
const LOCK_SLACK_SECONDS = 30;

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

export type SummarizeCounts = {
  profiles: number;
  /** Distinct (paper version, language) summaries the profiles' feeds want. */
  candidates: number;
  /** Already stored (no call). */
  cached: number;
  summarized: number;
  failed: number;
  skippedBudget: number;
  skippedDeadline: number;
  /** Not tried because the provider stopped the run (bad key, quota pause, failures in a row). */
  skippedProvider: number;
  /** Being summarized by another process right now. */
  busy: number;
  /** HTTP requests sent to the LLM, retries and plain-text fallbacks included. */
  calls: number;
  tokens: number;
  /** Wanted summaries still missing after this run. */
  backlog: number;
};

export type SummarizeResult = {
  state: 'ok' | 'failed' | 'disabled' | 'locked';
  counts: SummarizeCounts;
  /** Why the run stopped before the end of the list, if it did. */
  stoppedBy: SkipReason | null;
  error?: string;
  /** Papers that failed this run (retried next run). */
  failures: { paper: string; reason: string }[];
  startedAt: string;
  finishedAt: string;
};

const zeroCounts = (): SummarizeCounts => ({
  profiles: 0,
  candidates: 0,
  cached: 0,
  summarized: 0,
  failed: 0,
  skippedBudget: 0,
  skippedDeadline: 0,
  skippedProvider: 0,
  busy: 0,
  calls: 0,
  tokens: 0,
  backlog: 0,
});

/** Budgets shared by the concurrent calls of one run. */
class RunBudget {
  started = 0;
  answered = 0;
  tokensSpent = 0;
  tokensReserved = 0;
  stoppedBy: SkipReason | null = null;
  private callMsTotal = 0;

  constructor(
    private readonly maxPapers: number,
    private readonly maxTokens: number,
    private readonly deadline: number,
    private readonly minCallWindowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Tokens one more call will likely cost: this paper's prompt plus the run's average answer so far. */
  private expectedTokens(item: WantedSummary): number {
    const prompt = estimateTokens(buildSummaryMessages(item.paper, item.language, 'json'));
    const typicalAnswer = this.answered ? this.tokensSpent / this.answered : prompt + TYPICAL_COMPLETION_TOKENS;
    return Math.max(prompt + TYPICAL_COMPLETION_TOKENS / 2, typicalAnswer);
  }

  /** Calls take the run's average time once known; before that the configured window. */
  private callWindowMs(): number {
    return this.answered ? Math.max(this.minCallWindowMs, this.callMsTotal / this.answered) : this.minCallWindowMs;
  }

  /** Past the deadline (or the provider gave up) even a cache read is one too many: skip without I/O. */
  hardStop(): PaperOutcome | null {
    if (this.stoppedBy === 'provider') return { kind: 'skipped', reason: 'provider' };
    if (this.clock.now() + READ_MARGIN_MS >= this.deadline) {
      this.stoppedBy = 'deadline';
      return { kind: 'skipped', reason: 'deadline' };
    }
    return null;
  }

  reserve(item: WantedSummary): Reservation | { ok: false; reason: SkipReason } {
    if (this.stoppedBy === 'provider') return { ok: false, reason: 'provider' };
    if (this.clock.now() + this.callWindowMs() > this.deadline) return { ok: false, reason: (this.stoppedBy = 'deadline') };
    if (this.started >= this.maxPapers) return { ok: false, reason: (this.stoppedBy ??= 'papers') };
    const expected = this.expectedTokens(item);
    if (this.tokensSpent + this.tokensReserved + expected > this.maxTokens) return { ok: false, reason: (this.stoppedBy ??= 'tokens') };
    this.started++;
    this.tokensReserved += expected;
    const startedAt = this.clock.now();
    return {
      ok: true,
      release: (tokens) => {
        this.tokensReserved -= expected;
        if (tokens === null) {
          this.started--;
          return;
        }
        this.answered++;
        this.tokensSpent += tokens;
        this.callMsTotal += this.clock.now() - startedAt;
      },
    };
  }
}

/** Serializes async writes (the summary day index is read-modify-write). */
function serializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const next = tail.then(write, write);
    tail = next.catch(() => undefined);
    return next;
  };
}

function countOutcome(counts: SummarizeCounts, outcome: PaperOutcome): void {
  if (outcome.kind === 'cached') counts.cached++;
  else if (outcome.kind === 'summarized') counts.summarized++;
  else if (outcome.kind === 'busy') counts.busy++;
  else if (outcome.kind === 'failed') counts.failed++;
  else if (outcome.reason === 'deadline') counts.skippedDeadline++;
  else if (outcome.reason === 'provider') counts.skippedProvider++;
  else counts.skippedBudget++;
}

function describeOutcome(outcome: PaperOutcome): string {
  switch (outcome.kind) {
    case 'summarized':
      return `summarized (${outcome.tokens} tokens)`;
    case 'failed':
      return `failed: ${outcome.reason}`;
    case 'skipped':
      return `skipped (${outcome.reason})`;
    default:
      return outcome.kind;
  }
}

async function writeStatus(deps: SummarizeDeps, options: SummarizeOptions, status: RunStatus): Promise<void> {
  const when = options.recordStatus ?? 'always';
  if (when === 'never' || (when === 'if-called' && !status.counts.calls)) return;
  await deps.store.putStatus(status);
}

/** Works through the wanted list with a few calls in flight; returns when done, out of budget or out of time. */
async function processList(ctx: PaperContext, budget: RunBudget, wanted: WantedSummary[], result: SummarizeResult, concurrency: number, log: (line: string) => void) {
  let next = 0;
  let failuresInARow = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const index = next++;
      const item = wanted[index]!;
      const outcome = budget.hardStop() ?? (await summarizePaper(ctx, item));
      countOutcome(result.counts, outcome);
      if (outcome.kind === 'failed') {
        result.failures.push({ paper: `${item.paper.id}v${item.paper.version}`, reason: outcome.reason.slice(0, 300) });
        failuresInARow++;
        if (outcome.stopRun || failuresInARow >= MAX_FAILURES_IN_A_ROW) {
          budget.stoppedBy = 'provider';
          result.error ??= outcome.reason;
        }
      } else if (outcome.kind === 'summarized') failuresInARow = 0;
      if (outcome.kind !== 'skipped') log(`[${index + 1}/${wanted.length}] ${item.key}: ${describeOutcome(outcome)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

export async function runSummarize(deps: SummarizeDeps, options: SummarizeOptions): Promise<SummarizeResult> {
  const { store, env } = deps;
  const log = deps.log ?? (() => {});
  const clock = deps.clock ?? realClock;
  const startedAt = options.now.toISOString();
  const startMs = clock.now();
  const result: SummarizeResult = { state: 'ok', counts: zeroCounts(), stoppedBy: null, failures: [], startedAt, finishedAt: startedAt };
  // `now` may be a fixed test clock: the finish time is that plus the time the run took.
  const finish = () => ({ ...result, finishedAt: new Date(options.now.getTime() + (clock.now() - startMs)).toISOString() });
  const detail = { trigger: options.trigger ?? 'cron', model: env.SUMMARY_MODEL };

  const client = deps.client === undefined ? createSummaryClient(env) : deps.client;
  if (!client) {
    result.state = 'disabled';
    result.error = 'OPENAI_API_KEY is not set: feeds are served without summaries.';
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'disabled', startedAt, finishedAt: startedAt, counts: {}, detail: { ...detail, reason: result.error } });
    log(result.error);
    return finish();
  }

  const lockTtlSeconds = Math.max(LOCK_SLACK_SECONDS, Math.ceil((options.deadline - clock.now()) / 1000) + LOCK_SLACK_SECONDS);
  const runToken = await store.acquireLock(RUN_LOCK_NAME, lockTtlSeconds);
  if (!runToken) {
    result.state = 'locked';
    log('another summarize run holds the lock; nothing to do');
    return finish();
  }
  try {
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'running', startedAt, counts: {}, detail });
    const profiles = await loadProfiles(store, env, log);
    const wanted = await findWantedSummaries(store, env, profiles);
    const counts = result.counts;
    counts.profiles = profiles.length;
    counts.candidates = wanted.length;
    log(`${wanted.length} summaries wanted by ${profiles.length} profile(s)`);

    const budget = new RunBudget(options.maxPapers ?? env.SUMMARY_MAX_PAPERS, env.SUMMARY_MAX_TOKENS, options.deadline, options.minCallWindowMs ?? MIN_CALL_WINDOW_MS, clock);
    const ctx: PaperContext = {
      store,
      client,
      model: env.SUMMARY_MODEL,
      now: options.now,
      lockTtlSeconds,
      reserve: (item) => budget.reserve(item),
      serialize: serializer(),
      request: {
        provider: newProviderState(),
        deadlineMs: options.deadline,
        clock,
        policy: deps.retryPolicy,
        onCall: () => counts.calls++,
        onRetry: ({ attempt, waitMs, error }) => log(`  retry ${attempt} in ${Math.round(waitMs)} ms: ${(error as Error).message}`),
      },
    };
    await processList(ctx, budget, wanted, result, options.concurrency ?? SUMMARY_CONCURRENCY, log);

    counts.tokens = budget.tokensSpent;
    counts.backlog = counts.candidates - counts.cached - counts.summarized;
    result.stoppedBy = budget.stoppedBy;
    // Failing without a single success is a failed run; a few failures among successes are retried next run.
    result.state = counts.failed > 0 && counts.summarized === 0 ? 'failed' : 'ok';
    await writeStatus(deps, options, {
      kind: SUMMARIZE_STATUS_KIND,
      state: result.state,
      startedAt,
      finishedAt: finish().finishedAt,
      counts: { ...counts },
      ...(result.error && result.state === 'failed' ? { error: result.error } : {}),
      detail: { ...detail, stoppedBy: result.stoppedBy, failures: result.failures.length, ...(result.error ? { lastError: result.error.slice(0, 300) } : {}) },
    });
    return finish();
  } catch (err) {
    result.state = 'failed';
    result.error = err instanceof Error ? err.message : String(err);
    await writeStatus(deps, options, { kind: SUMMARIZE_STATUS_KIND, state: 'failed', startedAt, finishedAt: finish().finishedAt, counts: { ...result.counts }, error: result.error, detail }).catch(() => {});
    throw err;
  } finally {
    await store.releaseLock(RUN_LOCK_NAME, runToken).catch(() => false);
  }
}
