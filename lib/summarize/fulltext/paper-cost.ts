/**
 * What one paper's summary cost beyond its tokens, and the run totals the summarize job keeps of
 * it, so a run can say how much it asked of arXiv and sent to the model.
 */
import type { SummarySource } from '../../model/summary';

/** Requests to arXiv (retries included), bytes downloaded, prompt characters sent; `source` when a summary was made. */
export type PaperCost = { downloads: number; bytes: number; chars: number; source?: SummarySource };

export type FullTextTotals = {
  downloads: number;
  downloadBytes: number;
  promptChars: number;
  fromHtml: number;
  fromPdf: number;
  /** Summaries made from the abstract although full text was asked for (or the source is `abstract`). */
  fromAbstract: number;
};

export const zeroFullTextTotals = (): FullTextTotals => ({ downloads: 0, downloadBytes: 0, promptChars: 0, fromHtml: 0, fromPdf: 0, fromAbstract: 0 });

/** Adds one outcome's cost (`outcome.cost`, absent for cache hits) to the run's totals. */
export function addPaperCost(totals: FullTextTotals, cost: PaperCost | undefined): void {
  if (!cost) return;
  totals.downloads += cost.downloads;
  totals.downloadBytes += cost.bytes;
  totals.promptChars += cost.chars;
  if (cost.source === 'fulltext-html') totals.fromHtml++;
  else if (cost.source === 'fulltext-pdf') totals.fromPdf++;
  else if (cost.source === 'abstract') totals.fromAbstract++;
}
