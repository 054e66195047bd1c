/**
 * What full-text summaries need from the layers above: a downloader for a paper's HTML or PDF
 * that goes through the global arXiv throttle (the job layer passes lib/arxiv's
 * `paperFileFetcher`; this folder may not import lib/arxiv), where the files live, and how much
 * text the model may be sent. Absent (SUMMARY_SOURCE=abstract) means summaries from the abstract.
 */
import type { Env } from '../../env';

/** One download's answer; `requests` counts HTTP requests (retries included), `bytesRead` the body bytes taken in. */
export type PaperFileAnswer = { requests: number; bytesRead: number } & (
  | { kind: 'file'; bytes: Uint8Array; contentType: string }
  | { kind: 'missing'; status: number }
  | { kind: 'too-large'; atLeastBytes: number }
  | { kind: 'failed'; reason: string; deadline: boolean }
);

export type PaperFileRequest = { url: string; kind: 'html' | 'pdf'; deadlineMs: number };
export type FetchPaperFile = (request: PaperFileRequest) => Promise<PaperFileAnswer>;

export type FullTextSettings = {
  fetchFile: FetchPaperFile;
  /** ARXIV_HTML_URL */
  htmlBaseUrl: string;
  /** ARXIV_PDF_URL */
  pdfBaseUrl: string;
  /** SUMMARY_FULLTEXT_MAX_CHARS */
  maxChars: number;
};

export type FullTextEnv = Pick<Env, 'SUMMARY_SOURCE' | 'ARXIV_HTML_URL' | 'ARXIV_PDF_URL' | 'SUMMARY_FULLTEXT_MAX_CHARS'>;

/** The settings for a run, or undefined when summaries are made from the abstract. */
export function fullTextSettings(env: FullTextEnv, fetchFile: FetchPaperFile): FullTextSettings | undefined {
  if (env.SUMMARY_SOURCE !== 'fulltext') return undefined;
  return { fetchFile, htmlBaseUrl: env.ARXIV_HTML_URL, pdfBaseUrl: env.ARXIV_PDF_URL, maxChars: env.SUMMARY_FULLTEXT_MAX_CHARS };
}

/** `https://arxiv.org/html/2603.00001v2`; old-style ids keep their slash (`hep-th/9901001v1`). */
export const paperFileUrl = (base: string, paper: { id: string; version: number }) => `${base.replace(/\/+$/, '')}/${paper.id}v${paper.version}`;
