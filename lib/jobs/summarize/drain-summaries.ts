/**
 * A small summarize run to call lazily after a feed request (Next.js `after()`), so the backlog
 * drains between the daily cron runs without a third cron (Vercel Hobby allows two). Bounded: a
 * few papers, a short deadline, at most one drain per DRAIN_COOLDOWN_SECONDS per deployment, and a
 * no-op without an API key or while another run holds the lock.
 */
import { DRAIN_COOLDOWN_SECONDS, SUMMARIZE_DRAIN_COUNTER } from '../../store/keys';
import type { Store } from '../../store/store';
import { runSummarize, type SummarizeDeps } from './run-summarize';
import type { SummarizeResult } from './summarize-result';
import { realClock } from '../../summarize/llm-retry';
import { createSummaryClient } from '../../summarize/summary-client';

/** Papers one drain summarizes at most. */
export const DRAIN_MAX_PAPERS = 3;
/** Time a drain may take after the response was sent. */
export const DRAIN_BUDGET_MS = 20_000;

export type DrainOptions = { now?: Date; maxPapers?: number; budgetMs?: number; cooldownSeconds?: number };

/** Returns null when it did nothing (no key, cooling down, lock held, nothing wanted). Never throws. */
export async function drainSummaries(deps: SummarizeDeps & { store: Store }, options: DrainOptions = {}): Promise<SummarizeResult | null> {
  try {
    const client = deps.client === undefined ? createSummaryClient(deps.env) : deps.client;
    if (!client) return null;
    const now = options.now ?? new Date();
    // One counter increment decides: only the first request of each window drains.
    if ((await deps.store.hit(SUMMARIZE_DRAIN_COUNTER, options.cooldownSeconds ?? DRAIN_COOLDOWN_SECONDS, now.getTime())) !== 1) return null;
    const result = await runSummarize(
      { ...deps, client },
      {
        now,
        deadline: (deps.clock ?? realClock).now() + (options.budgetMs ?? DRAIN_BUDGET_MS),
        maxPapers: Math.min(options.maxPapers ?? DRAIN_MAX_PAPERS, deps.env.SUMMARY_MAX_PAPERS),
        trigger: 'drain',
        // A drain that called nothing leaves the last real run's status (and backlog) on health.
        recordStatus: 'if-called',
        minCallWindowMs: 5_000,
      },
    );
    return result.state === 'locked' ? null : result;
  } catch (err) {
    deps.log?.(`summary drain failed: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
