/**
 * CONTRACT STUB — replaced by the summaries work (issue 4). Keep these exported names.
 * LLM output is untrusted: the HTML returned here must be sanitized and XML-safe.
 */
import type { StoredSummary } from '../model/summary';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function summaryToText(summary: StoredSummary): string {
  return summary.content?.tldr ?? summary.text ?? '';
}

export function summaryToHtml(summary: StoredSummary): string {
  return `<p>${escapeHtml(summaryToText(summary))}</p>`;
}
