/**
 * A paper's full text for its summary: arXiv's HTML rendering first (structured, so its text is
 * cleaner), the PDF when there is no HTML, and a reason when neither gives usable text. A
 * download that fails for good (5xx after the retries, a timeout) ends the attempt without asking
 * for the PDF too: arXiv is struggling, and the next run can try again.
 */
import type { FullTextMissReason, SummarySource } from '../../model/summary';
import type { DocSection } from './doc-sections';
import { decodeHtml, extractHtmlSections } from './extract-html';
import { extractPdfSections } from './extract-pdf';
import { fitSections } from './fit-sections';
import { paperFileUrl, type FullTextSettings, type PaperFileAnswer } from './full-text-settings';

/** Less text than this is an error page or a stub (a scanned PDF, a failed conversion), not a paper. */
export const MIN_BODY_CHARS = 1_500;

/** The text the model is sent, and what was cut from it. */
export type FullTextBody = {
  source: Exclude<SummarySource, 'abstract'>;
  text: string;
  /** Sections shortened or left out (`4 Experiments (shortened)`). */
  cut: string[];
  /** Characters of usable body text before cutting. */
  fullChars: number;
};

export type DownloadCost = { downloads: number; bytes: number };

export type FullTextLoad = { cost: DownloadCost } & (
  | { kind: 'body'; body: FullTextBody }
  | { kind: 'miss'; reason: FullTextMissReason }
  /** The arXiv throttle could not be had before the deadline: try again next run. */
  | { kind: 'deadline' }
);

const isPdf = (bytes: Uint8Array) => bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

async function sectionsOf(kind: 'html' | 'pdf', file: Extract<PaperFileAnswer, { kind: 'file' }>): Promise<{ pdf: boolean; sections: DocSection[] } | null> {
  const pdf = isPdf(file.bytes);
  // A PDF URL that answers with an HTML page ("being generated", a login wall) has no paper in it.
  if (kind === 'pdf' && !pdf) return null;
  try {
    return { pdf, sections: pdf ? await extractPdfSections(file.bytes) : extractHtmlSections(decodeHtml(file.bytes, file.contentType)) };
  } catch {
    return null;
  }
}

async function readBody(kind: 'html' | 'pdf', file: Extract<PaperFileAnswer, { kind: 'file' }>, maxChars: number): Promise<FullTextBody | null> {
  const read = await sectionsOf(kind, file);
  if (!read) return null;
  const fitted = fitSections(read.sections, maxChars);
  if (fitted.text.length < Math.min(MIN_BODY_CHARS, maxChars / 2)) return null;
  return { source: read.pdf ? 'fulltext-pdf' : 'fulltext-html', ...fitted };
}

/** The most hopeful reason: one that may change by the next run wins. */
const missReason = (misses: FullTextMissReason[]): FullTextMissReason =>
  (['failed', 'missing', 'unreadable', 'too-large'] as const).find((r) => misses.includes(r)) ?? 'missing';

export async function loadFullText(paper: { id: string; version: number }, settings: FullTextSettings, deadlineMs: number): Promise<FullTextLoad> {
  const cost: DownloadCost = { downloads: 0, bytes: 0 };
  const misses: FullTextMissReason[] = [];
  for (const kind of ['html', 'pdf'] as const) {
    const url = paperFileUrl(kind === 'html' ? settings.htmlBaseUrl : settings.pdfBaseUrl, paper);
    const answer = await settings.fetchFile({ url, kind, deadlineMs });
    cost.downloads += answer.requests;
    cost.bytes += answer.bytesRead;
    if (answer.kind === 'failed') return answer.deadline ? { kind: 'deadline', cost } : { kind: 'miss', reason: 'failed', cost };
    if (answer.kind !== 'file') {
      misses.push(answer.kind);
      continue;
    }
    const body = await readBody(kind, answer, settings.maxChars);
    if (body) return { kind: 'body', body, cost };
    misses.push('unreadable');
  }
  return { kind: 'miss', reason: missReason(misses), cost };
}
