/**
 * What a summarize run reports: its state, the counts (the same in the script's output, the cron
 * route's JSON and the run status), why it stopped early, its failures by kind, and its one log
 * line (a run of 80,000 candidates logs a handful of lines, not one per paper).
 */
import { zeroFullTextTotals, type FullTextTotals } from '../../summarize/fulltext/paper-cost';
import type { PaperOutcome, SkipReason } from '../../summarize/summarize-paper';
import type { EmbedStepResult } from './embed-step';

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
  /** Windows (sources × days × summary scope) read to find the wanted summaries. */
  windows: number;
  /** Profiles whose window the run did not read (per-run read cap or time); the next day's run starts with them. */
  profilesLeftOut: number;
  /** LLM requests retried (429, 5xx, timeouts). */
  retries: number;
} & FullTextTotals;

/** Failures of one kind: the reason with its numbers blanked, how often, and one real message. */
export type FailureKind = { kind: string; count: number; example: string };

/** Failed papers named in a result at most; `counts.failed` and `failureKinds` cover the rest. */
export const MAX_LISTED_FAILURES = 20;
/** Distinct failure kinds tallied at most; further ones are tallied as the last. */
const MAX_FAILURE_KINDS = 20;
const OTHER_KIND = '(other)';

export type SummarizeResult = {
  state: 'ok' | 'failed' | 'disabled' | 'locked';
  counts: SummarizeCounts;
  /** Why the run stopped before the end of the list, if it did. */
  stoppedBy: SkipReason | null;
  error?: string;
  /** Papers that failed this run (retried next run), the first MAX_LISTED_FAILURES. */
  failures: { paper: string; reason: string }[];
  /** Every failure of the run by kind, most frequent first once the run is done. */
  failureKinds: FailureKind[];
  startedAt: string;
  finishedAt: string;
  /** The embedding step of a full run with EMBEDDINGS_MODEL set (embed-step.ts). */
  embeddings?: EmbedStepResult;
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
  windows: 0,
  profilesLeftOut: 0,
  retries: 0,
  ...zeroFullTextTotals(),
});

/** Records one failed paper: named while the list is short, always tallied by kind. */
export function recordFailure(result: Pick<SummarizeResult, 'failures' | 'failureKinds'>, paper: string, reason: string): void {
  if (result.failures.length < MAX_LISTED_FAILURES) result.failures.push({ paper, reason: reason.slice(0, 300) });
  let kind = reason.replace(/\d+(?:\.\d+)?/g, 'N').slice(0, 160);
  if (result.failureKinds.length >= MAX_FAILURE_KINDS - 1 && !result.failureKinds.some((k) => k.kind === kind)) kind = OTHER_KIND;
  const known = result.failureKinds.find((k) => k.kind === kind);
  if (known) known.count++;
  else result.failureKinds.push({ kind, count: 1, example: kind === OTHER_KIND ? 'other reasons' : reason.slice(0, 300) });
}

/** The run's one summary line. */
export function describeRun(result: Pick<SummarizeResult, 'state' | 'counts' | 'stoppedBy' | 'error'>): string {
  const c = result.counts;
  const skipped = c.skippedBudget + c.skippedDeadline + c.skippedProvider;
  const leftOut = c.profilesLeftOut ? ` (${c.profilesLeftOut} profile(s) not read this run)` : '';
  return (
    `summarize ${result.state}: ${c.summarized} summarized, ${c.cached} cached, ${c.failed} failed, ${skipped} skipped, ${c.busy} busy ` +
    `of ${c.candidates} wanted by ${c.profiles} profile(s)${leftOut}; ${c.calls} calls (${c.retries} retries), ${c.tokens} tokens, ` +
    `backlog ${c.backlog}${fullTextPart(c)}${result.stoppedBy ? `, stopped by ${result.stoppedBy}` : ''}${result.error ? ` (${result.error.slice(0, 300)})` : ''}`
  );
}

/** What full text cost, only when the run downloaded anything (abstract runs keep their short line). */
function fullTextPart(c: FullTextTotals): string {
  if (!c.downloads) return '';
  const mb = (c.downloadBytes / 1e6).toFixed(1);
  return `; full text: ${c.downloads} downloads (${mb} MB), ${c.promptChars} characters sent, from HTML ${c.fromHtml} / PDF ${c.fromPdf} / abstract ${c.fromAbstract}`;
}

export function countOutcome(counts: SummarizeCounts, outcome: PaperOutcome): void {
  if (outcome.kind === 'cached') counts.cached++;
  else if (outcome.kind === 'summarized') counts.summarized++;
  else if (outcome.kind === 'busy') counts.busy++;
  else if (outcome.kind === 'failed') counts.failed++;
  else if (outcome.reason === 'deadline') counts.skippedDeadline++;
  else if (outcome.reason === 'provider') counts.skippedProvider++;
  else counts.skippedBudget++;
}
