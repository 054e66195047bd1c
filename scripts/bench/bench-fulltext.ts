/**
 * 5b. Full-text extraction: what a full-text summary costs in CPU before its LLM call, for a
 * generated 40-page PDF (unpdf / pdf.js) and a long LaTeXML-style HTML paper (htmlparser2's
 * streaming parser), each then cut to SUMMARY_FULLTEXT_MAX_CHARS. Medians of a few runs after a
 * warm-up (the first pdf.js load is timed separately: a cold summarize run pays it once).
 */
import { extractHtmlSections } from '../../lib/summarize/fulltext/extract-html';
import { extractPdfSections } from '../../lib/summarize/fulltext/extract-pdf';
import { fitSections } from '../../lib/summarize/fulltext/fit-sections';
import { latexmlHtml, paperPdf, paperSections } from '../support/paper-files';
import { figure, fmt, mb, median, ms, timeRuns, type Figure } from './harness';

const MAX_CHARS = 120_000;
const RUNS = 5;
const PDF_PAGES = 40;
const LINES_PER_PAGE = 48;
/** Paragraphs per section for a long HTML paper (~2 MB, about what a 40-page arXiv paper renders to). */
const HTML_PARAGRAPHS = 900;

/** The smallest paper (paragraphs per section) whose PDF has at least `pages` pages. */
function pdfOfPages(pages: number): { bytes: Buffer; pages: number } {
  for (let paragraphs = 10; ; paragraphs += 10) {
    const bytes = paperPdf('2603.99999', paperSections('2603.99999', paragraphs), { linesPerPage: LINES_PER_PAGE });
    const count = (bytes.toString('latin1').match(/\/Type \/Page /g) ?? []).length;
    if (count >= pages) return { bytes, pages: count };
  }
}

export async function measureFullText() {
  const pdf = pdfOfPages(PDF_PAGES);
  const coldStart = performance.now();
  const sections = await extractPdfSections(new Uint8Array(pdf.bytes));
  const pdfColdMs = performance.now() - coldStart;
  const pdfMs = median(await timeRuns(() => extractPdfSections(new Uint8Array(pdf.bytes)), RUNS, 1));
  const pdfText = fitSections(sections, MAX_CHARS);

  const html = latexmlHtml('2603.99998', paperSections('2603.99998', HTML_PARAGRAPHS));
  const htmlMs = median(await timeRuns(() => extractHtmlSections(html), RUNS, 1));
  const htmlSections = extractHtmlSections(html);
  const fitMs = median(await timeRuns(() => fitSections(htmlSections, MAX_CHARS), RUNS, 1));
  const htmlText = fitSections(htmlSections, MAX_CHARS);
  return { pdf, pdfColdMs, pdfMs, pdfText, html, htmlMs, fitMs, htmlText };
}

export async function benchFullText(): Promise<Figure[]> {
  const m = await measureFullText();
  const perPageMs = m.pdfMs / m.pdf.pages;
  const htmlMsPerMb = m.htmlMs / (m.html.length / 1024 / 1024);
  return [
    figure({
      section: '5 summaries',
      what: `full text from a ${m.pdf.pages}-page PDF (${mb(m.pdf.bytes.length)}, unpdf)`,
      value: ms(m.pdfMs),
      target: { op: '<=', limit: 50, on: perPageMs, text: '≤ 50 ms/page' },
      note: `${fmt(perPageMs, 1)} ms/page; first extraction in a process ${ms(m.pdfColdMs)} (loads pdf.js); ${fmt(m.pdfText.fullChars)} chars of body, ${fmt(m.pdfText.text.length)} sent (cut: ${m.pdfText.cut.length} sections).`,
    }),
    figure({
      section: '5 summaries',
      what: `full text from a long HTML paper (${mb(m.html.length)}, htmlparser2)`,
      value: ms(m.htmlMs),
      target: { op: '<=', limit: 100, on: htmlMsPerMb, text: '≤ 100 ms/MB' },
      note: `${fmt(htmlMsPerMb)} ms/MB; cut to ${fmt(MAX_CHARS)} chars in ${ms(m.fitMs)}: ${fmt(m.htmlText.fullChars)} chars of body, ${fmt(m.htmlText.text.length)} sent (≈ ${fmt(m.htmlText.text.length / 4)} tokens), ${m.htmlText.cut.length} sections cut.`,
    }),
  ];
}
