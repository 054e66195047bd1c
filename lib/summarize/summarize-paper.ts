/**
 * One wanted summary: reuse the stored one, or call the LLM under a per-key lock so no two
 * processes ever pay for the same (paper version, language, model, prompt version). The cache is
 * read again after the lock is taken: another run may have finished it meanwhile.
 */
import type { Day } from '../model/paper';
import type { StoredSummary } from '../model/summary';
import { summaryLockName } from '../store/keys';
import type { Store } from '../store/store';
import { classifyLlmError, ProviderPausedError } from './llm-retry';
import { requestSummary, type RequestSummaryOptions } from './request-summary';
import type { SummaryClient } from './summary-client';
import { PROMPT_VERSION } from './summary-scope';
import type { WantedSummary } from './wanted-summary';

export type PaperStore = Pick<Store, 'getSummary' | 'putSummary' | 'acquireLock' | 'releaseLock'>;

export type SkipReason = 'papers' | 'tokens' | 'deadline' | 'provider';

/** Room for one call in the run's budgets; released with the tokens spent, or null when no call was answered. */
export type Reservation = { ok: true; release: (tokens: number | null) => void };

export type PaperOutcome =
  | { kind: 'cached' }
  | { kind: 'summarized'; tokens: number }
  /** Another process holds this key's lock: it is being summarized right now. */
  | { kind: 'busy' }
  /** The run's budget or deadline left no room for this call. */
  | { kind: 'skipped'; reason: SkipReason }
  /** `stopRun`: every further call would fail too (bad key, unknown model, quota pause). */
  | { kind: 'failed'; reason: string; stopRun: boolean };

export type PaperContext = {
  store: PaperStore;
  client: SummaryClient;
  model: string;
  now: Date;
  lockTtlSeconds: number;
  /** Reserves room for one call in the run's budgets, or says which budget is spent. */
  reserve: (item: WantedSummary) => Reservation | { ok: false; reason: SkipReason };
  /** Serializes store writes: putSummary updates the day index read-modify-write. */
  serialize: <T>(write: () => Promise<T>) => Promise<T>;
  request: Omit<RequestSummaryOptions, 'model' | 'language'>;
};

async function indexDays(ctx: PaperContext, summary: StoredSummary, days: Day[], scope: string): Promise<void> {
  for (const day of days) await ctx.serialize(() => ctx.store.putSummary(summary, day, scope));
}

/** A stored summary: make sure every day a feed reads lists it; no LLM call. */
async function reuse(ctx: PaperContext, item: WantedSummary, stored: StoredSummary): Promise<PaperOutcome> {
  await indexDays(ctx, stored, item.missingDays, item.scope);
  return { kind: 'cached' };
}

async function callAndStore(ctx: PaperContext, item: WantedSummary, spend: (tokens: number) => void): Promise<PaperOutcome> {
  let answer;
  try {
    answer = await requestSummary(ctx.client, item.paper, { ...ctx.request, model: ctx.model, language: item.language });
  } catch (err) {
    const stopRun = err instanceof ProviderPausedError || classifyLlmError(err) === 'fatal';
    return { kind: 'failed', reason: err instanceof Error ? err.message : String(err), stopRun };
  }
  spend(answer.tokens);
  const summary: StoredSummary = {
    paperId: item.paper.id,
    version: item.paper.version,
    language: item.language,
    model: ctx.model,
    promptVersion: PROMPT_VERSION,
    content: answer.content,
    ...(answer.text !== undefined ? { text: answer.text } : {}),
    createdAt: ctx.now.toISOString(),
    tokens: answer.tokens,
  };
  // Store errors are not LLM failures: they propagate and fail the run (the store is down).
  await indexDays(ctx, summary, item.missingDays.length ? item.missingDays : [item.paper.announced], item.scope);
  return { kind: 'summarized', tokens: answer.tokens };
}

export async function summarizePaper(ctx: PaperContext, item: WantedSummary): Promise<PaperOutcome> {
  const { paper, scope } = item;
  const cached = await ctx.store.getSummary(paper.id, paper.version, scope);
  if (cached) return reuse(ctx, item, cached);

  // Budget first: once it is spent, the rest of the backlog costs one read each, not a lock dance.
  const room = ctx.reserve(item);
  if (!room.ok) return { kind: 'skipped', reason: room.reason };
  let spent: number | null = null;
  try {
    const token = await ctx.store.acquireLock(summaryLockName(item.key), ctx.lockTtlSeconds);
    if (!token) return { kind: 'busy' };
    try {
      const stored = await ctx.store.getSummary(paper.id, paper.version, scope);
      if (stored) return await reuse(ctx, item, stored);
      return await callAndStore(ctx, item, (tokens) => (spent = tokens));
    } finally {
      await ctx.store.releaseLock(summaryLockName(item.key), token);
    }
  } finally {
    room.release(spent);
  }
}
