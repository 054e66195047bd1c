/**
 * One wanted summary: reuse the stored one, or call the LLM under a per-key lock so no two
 * processes ever pay for the same (paper version, language, model, prompt version). The cache is
 * read again after the lock is taken: another run may have finished it meanwhile.
 * With full text on, the paper's HTML or PDF is downloaded under that lock too (so two runs never
 * download it twice), and an abstract stand-in is made again once the full text can be had.
 * Every outcome says what the paper cost (downloads, bytes, prompt characters) for the run's totals.
 */
import type { Day } from '../model/paper';
import { summaryTooLarge, type StoredSummary } from '../model/summary';
import { summaryLockName } from '../store/keys';
import type { Store } from '../store/store';
import type { FullTextSettings } from './fulltext/full-text-settings';
import type { PaperCost } from './fulltext/paper-cost';
import { FULLTEXT_CALL_WINDOW_MS, prepareInput, wantsFullText } from './fulltext/summary-input';
import { classifyLlmError, ProviderPausedError } from './llm-retry';
import { requestSummary, type RequestSummaryOptions } from './request-summary';
import type { SummaryClient } from './summary-client';
import type { WantedSummary } from './wanted-summary';

export type PaperStore = Pick<Store, 'getSummary' | 'putSummary' | 'acquireLock' | 'releaseLock'>;

export type SkipReason = 'papers' | 'tokens' | 'deadline' | 'provider';

/** Room for one call in the run's budgets; released with the tokens spent, or null when no call was answered. */
export type Reservation = { ok: true; release: (tokens: number | null) => void };

/** `cost`: what the paper cost beyond tokens, when anything was downloaded or sent. */
export type PaperOutcome = { cost?: PaperCost } & (
  | { kind: 'cached' }
  | { kind: 'summarized'; tokens: number }
  /** Another process holds this key's lock: it is being summarized right now. */
  | { kind: 'busy' }
  /** The run's budget or deadline left no room for this call. */
  | { kind: 'skipped'; reason: SkipReason }
  /** `stopRun`: every further call would fail too (bad key, unknown model, quota pause). */
  | { kind: 'failed'; reason: string; stopRun: boolean }
);

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
  request: Omit<RequestSummaryOptions, 'model' | 'language' | 'body'>;
  /** Set when SUMMARY_SOURCE=fulltext (lib/summarize/fulltext/full-text-settings.ts). */
  fullText?: FullTextSettings;
};

async function indexDays(ctx: PaperContext, summary: StoredSummary, days: Day[], scope: string): Promise<void> {
  for (const day of days) await ctx.serialize(() => ctx.store.putSummary(summary, day, scope));
}

/** A stored summary: make sure every day a feed reads lists it; no LLM call. */
async function reuse(ctx: PaperContext, item: WantedSummary, stored: StoredSummary): Promise<PaperOutcome> {
  await indexDays(ctx, stored, item.missingDays, item.scope);
  return { kind: 'cached' };
}

/** Days whose index gets the summary: the missing ones, and when replacing a summary the day that lists it. */
function daysFor(item: WantedSummary, previous: StoredSummary | null): Day[] {
  if (!previous) return item.missingDays.length ? item.missingDays : [item.paper.announced];
  return [...new Set([...item.missingDays, item.paper.announced])];
}

/** `previous`: the abstract stand-in being upgraded to a full-text summary, if that is the job. */
async function callAndStore(ctx: PaperContext, item: WantedSummary, previous: StoredSummary | null, spend: (tokens: number) => void): Promise<PaperOutcome> {
  const input = await prepareInput(ctx.fullText, item.paper, previous, ctx.now, ctx.request.deadlineMs - FULLTEXT_CALL_WINDOW_MS);
  if (input.kind === 'deadline') return { kind: 'skipped', reason: 'deadline', cost: input.cost };
  if (input.kind === 'unchanged') {
    await indexDays(ctx, input.summary, daysFor(item, previous), item.scope);
    return { kind: 'cached', cost: input.cost };
  }
  let answer;
  try {
    answer = await requestSummary(ctx.client, item.paper, { ...ctx.request, model: ctx.model, language: item.language, body: input.body });
  } catch (err) {
    const stopRun = err instanceof ProviderPausedError || classifyLlmError(err) === 'fatal';
    return { kind: 'failed', reason: err instanceof Error ? err.message : String(err), stopRun, cost: input.cost };
  }
  spend(answer.tokens);
  const { input: downloaded, ...source } = input.fields;
  const summary: StoredSummary = {
    paperId: item.paper.id,
    version: item.paper.version,
    language: item.language,
    model: ctx.model,
    ...source,
    content: answer.content,
    ...(answer.text !== undefined ? { text: answer.text } : {}),
    createdAt: ctx.now.toISOString(),
    tokens: answer.tokens,
    ...(downloaded ? { input: { ...downloaded, chars: answer.promptChars } } : {}),
  };
  const cost = { ...input.cost, chars: answer.promptChars };
  // Nothing of a runaway answer is stored: the paper stays wanted and is asked for again next run.
  const tooLarge = summaryTooLarge(summary);
  if (tooLarge) return { kind: 'failed', reason: `${tooLarge}; not stored`, stopRun: false, cost };
  // Store errors are not LLM failures: they propagate and fail the run (the store is down).
  await indexDays(ctx, summary, daysFor(item, previous), item.scope);
  return { kind: 'summarized', tokens: answer.tokens, cost };
}

export async function summarizePaper(ctx: PaperContext, item: WantedSummary): Promise<PaperOutcome> {
  const { paper, scope } = item;
  const cached = await ctx.store.getSummary(paper.id, paper.version, scope);
  if (cached && !wantsFullText(cached, ctx.fullText, ctx.now)) return reuse(ctx, item, cached);

  // Budget first: once it is spent, the rest of the backlog costs one read each, not a lock dance.
  const room = ctx.reserve(item);
  if (!room.ok) return { kind: 'skipped', reason: room.reason };
  let spent: number | null = null;
  try {
    const token = await ctx.store.acquireLock(summaryLockName(item.key), ctx.lockTtlSeconds);
    if (!token) return { kind: 'busy' };
    try {
      const stored = await ctx.store.getSummary(paper.id, paper.version, scope);
      if (stored && !wantsFullText(stored, ctx.fullText, ctx.now)) return await reuse(ctx, item, stored);
      return await callAndStore(ctx, item, stored, (tokens) => (spent = tokens));
    } finally {
      await ctx.store.releaseLock(summaryLockName(item.key), token);
    }
  } finally {
    room.release(spent);
  }
}
