/**
 * The run's worker pool: a few calls in flight at once over the wanted list, most relevant first.
 * A paper that fails is recorded and left for the next run; a provider that refuses every call
 * (or many failures in a row) stops the whole run.
 */
import { summarizePaper, type PaperContext } from '../../summarize/summarize-paper';
import type { WantedSummary } from '../../summarize/wanted-summary';
import type { RunBudget } from './run-budget';
import { countOutcome, describeOutcome, type SummarizeResult } from './summarize-result';

/** This many papers failing in a row means the provider is down, not the papers. */
export const MAX_FAILURES_IN_A_ROW = 6;

/** Works through the wanted list with a few calls in flight; returns when done, out of budget or out of time. */
export async function processList(ctx: PaperContext, budget: RunBudget, wanted: WantedSummary[], result: SummarizeResult, concurrency: number, log: (line: string) => void) {
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
