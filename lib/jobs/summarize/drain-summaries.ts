/**
 * A small summarize run to call lazily after a feed request (Next.js `after()`), so the backlog
 * drains between the daily cron runs without a third cron (Vercel Hobby allows two). Bounded: a
 * few papers of one profile (the feed just read, a saved profile or an anonymous selection, else
 * the default one: the serving path never reads every saved profile), a short deadline, at most one drain per DRAIN_COOLDOWN_SECONDS per
 * deployment, and a no-op without an API key or while another run holds the lock. It marks itself
 * while it runs, so the daily cron run waits for it instead of giving up (run-lock.ts).
 */
import type { Profile } from '../../model/profile';
import { getDefaultProfile } from '../../select/default-profile';
import { DRAIN_COOLDOWN_SECONDS, SUMMARIZE_DRAIN_COUNTER, summarizeLockTtlSeconds } from '../../store/keys';
import type { Store } from '../../store/store';
import { runAsDrain } from './run-lock';
import { runSummarize, type SummarizeDeps } from './run-summarize';
import type { SummarizeResult } from './summarize-result';
import { realClock } from '../../summarize/llm-retry';
import { createSummaryClient } from '../../summarize/summary-client';

/** Papers one drain summarizes at most. */
export const DRAIN_MAX_PAPERS = 3;
/** Time a drain may take after the response was sent. */
export const DRAIN_BUDGET_MS = 20_000;
/** How long a full run waits for a drain holding the lock: its budget plus the writes after its last call. */
export const DRAIN_WAIT_MS = DRAIN_BUDGET_MS + 5_000;

export type DrainOptions = {
  now?: Date;
  maxPapers?: number;
  budgetMs?: number;
  cooldownSeconds?: number;
  /** The profile whose summaries to make (the feed just served: saved or anonymous). @default the default profile */
  profile?: Profile;
};

/** Returns null when it did nothing (no key, cooling down, lock held, nothing wanted). Never throws. */
export async function drainSummaries(deps: SummarizeDeps & { store: Store }, options: DrainOptions = {}): Promise<SummarizeResult | null> {
  try {
    if (deps.client === null || (deps.client === undefined && !deps.env.OPENAI_API_KEY)) return null;
    const now = options.now ?? new Date();
    // One counter increment decides: only the first request of each window drains (later ones in a
    // window this process saw taken skip the store too).
    if (!(await deps.store.claimWindow(SUMMARIZE_DRAIN_COUNTER, options.cooldownSeconds ?? DRAIN_COOLDOWN_SECONDS, now.getTime()))) return null;
    const client = deps.client ?? createSummaryClient(deps.env);
    if (!client) return null;
    const budgetMs = options.budgetMs ?? DRAIN_BUDGET_MS;
    const profile = options.profile ?? getDefaultProfile(deps.env);
    const result = await runAsDrain(deps.store, summarizeLockTtlSeconds(budgetMs), () =>
      runSummarize(
        { ...deps, client },
        {
          now,
          deadline: (deps.clock ?? realClock).now() + budgetMs,
          maxPapers: Math.min(options.maxPapers ?? DRAIN_MAX_PAPERS, deps.env.SUMMARY_MAX_PAPERS),
          trigger: 'drain',
          // A drain that called nothing leaves the last real run's status (and backlog) on health.
          recordStatus: 'if-called',
          minCallWindowMs: 5_000,
          profiles: [{ name: 'feed', profile }],
        },
      ),
    );
    return result === null || result.state === 'locked' ? null : result;
  } catch (err) {
    deps.log?.(`summary drain failed: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
