/**
 * The run's worker pool: a few calls in flight at once over the wanted list, most relevant first.
 * A paper that fails is recorded (tallied by kind) and left for the next run; a provider that
 * refuses every call (or many failures in a row) stops the whole run. Nothing is logged per
 * paper: a progress line every PROGRESS_EVERY calls, and the run logs its summary at the end.
 */
import { addPaperCost } from '../../summarize/fulltext/paper-cost';
import { summarizePaper, type PaperContext } from '../../summarize/summarize-paper';
import type { WantedSummary } from '../../summarize/wanted-summary';
import type { RunBudget } from './run-budget';
import { countOutcome, recordFailure, type SummarizeResult } from './summarize-result';

/** This many papers failing in a row means the provider is down, not the papers. */
export const MAX_FAILURES_IN_A_ROW = 6;
/** A progress line after every this many LLM outcomes (summarized or failed). */
export const PROGRESS_EVERY = 25;

/** Works through the wanted list with a few calls in flight; returns when done, out of budget or out of time. */
export async function processList(ctx: PaperContext, budget: RunBudget, wanted: WantedSummary[], result: SummarizeResult, concurrency: number, log: (line: string) => void) {
  let next = 0;
  let failuresInARow = 0;
  let attempted = 0;
  const c = result.counts;
  const worker = async () => {
    while (next < wanted.length) {
      const index = next++;
      const item = wanted[index]!;
      const outcome = budget.hardStop() ?? (await summarizePaper(ctx, item));
      countOutcome(result.counts, outcome);
      addPaperCost(result.counts, outcome.cost);
      if (outcome.kind === 'failed') {
        recordFailure(result, `${item.paper.id}v${item.paper.version}`, outcome.reason);
        failuresInARow++;
        if (outcome.stopRun || failuresInARow >= MAX_FAILURES_IN_A_ROW) {
          budget.stoppedBy = 'provider';
          result.error ??= outcome.reason;
        }
      } else if (outcome.kind === 'summarized') failuresInARow = 0;
      if ((outcome.kind === 'summarized' || outcome.kind === 'failed') && ++attempted % PROGRESS_EVERY === 0)
        log(`progress: ${index + 1}/${wanted.length} checked; ${c.summarized} summarized, ${c.failed} failed, ${c.cached} cached`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
