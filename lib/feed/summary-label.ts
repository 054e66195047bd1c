/**
 * The words that mark a summary as machine-written, the same in every feed format and on the
 * page: which model wrote it and what it read.
 */
import type { StoredSummary } from '../model/summary';

export type SummarySource = 'abstract' | 'fulltext';

/** What a stored summary was made from; records from before full-text summaries were abstracts. */
export function summarySource(summary: StoredSummary): SummarySource {
  const source = (summary as StoredSummary & { source?: unknown }).source;
  return typeof source === 'string' && source.startsWith('fulltext') ? 'fulltext' : 'abstract';
}

const FROM: Record<SummarySource, string> = { abstract: 'from the abstract', fulltext: 'from the full text' };

/** `AI summary (gpt-4o-mini, from the abstract)`. */
export const summaryLabel = (model: string, source: SummarySource) => `AI summary (${model}, ${FROM[source]})`;
