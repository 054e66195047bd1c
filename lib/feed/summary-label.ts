/**
 * The words that mark a summary as machine-written, the same in every feed format (and carried
 * in `FeedSummary.label` for the page): which model wrote it and what it read.
 */
import { summarySource, type StoredSummary } from '../model/summary';

/** `AI summary (gpt-4o-mini, from the abstract)`; `from the full text` for HTML or PDF summaries. */
export function summaryLabel(summary: Pick<StoredSummary, 'model' | 'source'>): string {
  const from = summarySource(summary) === 'abstract' ? 'from the abstract' : 'from the full text';
  return `AI summary (${summary.model}, ${from})`;
}
