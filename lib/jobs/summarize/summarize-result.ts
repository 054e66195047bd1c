/**
 * What a summarize run reports: its state, the counts (the same in the script's output, the cron
 * route's JSON and the run status), why it stopped early, and one log word per paper outcome.
 */
import type { PaperOutcome, SkipReason } from '../../summarize/summarize-paper';

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

export const zeroCounts = (): SummarizeCounts => ({
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

export function countOutcome(counts: SummarizeCounts, outcome: PaperOutcome): void {
  if (outcome.kind === 'cached') counts.cached++;
  else if (outcome.kind === 'summarized') counts.summarized++;
  else if (outcome.kind === 'busy') counts.busy++;
  else if (outcome.kind === 'failed') counts.failed++;
  else if (outcome.reason === 'deadline') counts.skippedDeadline++;
  else if (outcome.reason === 'provider') counts.skippedProvider++;
  else counts.skippedBudget++;
}

export function describeOutcome(outcome: PaperOutcome): string {
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
