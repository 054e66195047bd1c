/**
 * Text of a paper's PDF as sections, via unpdf (pdf.js built for servers, no canvas or worker):
 * https://github.com/unjs/unpdf. A PDF has no structure to read, so the page furniture is
 * recognised by what it is: lines repeated at the top or bottom of many pages (running heads,
 * footers), bare page numbers, and the `arXiv:… [cs.CL] 2 Mar 2026` stamp arXiv prints on page
 * one. Headings are lines like `3 Method`, `3.2 Training`, `IV. RESULTS`, `References`,
 * `Appendix A`, accepted only in numbering order so that a table row or a list item starting with
 * a number is not taken for one. Everything after `References` is appendix material.
 */
import type { DocSection } from './doc-sections';

/** Lines at the top or bottom of a page that may be running heads or footers. */
const EDGE_LINES = 3;
const STAMP = /^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s+\[[^\]]+\]\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}$/;
const PAGE_NUMBER = /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(\p{Lu}.{1,90})$/u;
const ROMAN = /^([IVX]{1,5})\.\s+(\p{Lu}.{1,90})$/u;
const LETTERED = /^([A-H](?:\.\d{1,2}){0,2})\.?\s+(\p{Lu}.{1,90})$/u;
const KEYWORD = /^(abstract|references|bibliography|acknowledge?ments?|appendix(?:\s+[A-Z])?|appendices|supplementary material)\b[\s.:—–-]*(.*)$/i;
const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** Digits blurred, so `Page 3` and `Page 4` count as one repeated footer. */
const shape = (line: string) => line.replace(/\d+/g, '#').toLowerCase();

/**
 * Lines that are page furniture, not text: the same shape at the top or bottom of many pages,
 * and seldom anywhere else (a sentence a paper repeats is not a running head).
 */
function furniture(pages: string[][]): Set<string> {
  const atEdge = new Map<string, number>();
  const inside = new Map<string, number>();
  for (const lines of pages) {
    const edges = new Set([...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)].map(shape));
    for (const s of edges) atEdge.set(s, (atEdge.get(s) ?? 0) + 1);
    for (const line of lines.slice(EDGE_LINES, -EDGE_LINES)) inside.set(shape(line), (inside.get(shape(line)) ?? 0) + 1);
  }
  const minPages = Math.max(3, Math.ceil(pages.length * 0.3));
  return new Set([...atEdge].filter(([s, n]) => n >= minPages && (inside.get(s) ?? 0) <= n / 4).map(([s]) => s));
}

/** A line ending in one of these, or with a lower-case verb like these in it, is running text. */
const TRAILING_WORD = /\b(?:a|an|the|and|or|of|in|on|to|for|with|by|from|as|at|that|which)$/i;
const SENTENCE_WORD = /\b(?:we|our|is|are|was|were|has|have|been|be)\b/;

/** Heading text only: short, mostly letters, no sentence end, not the start of a sentence. */
const looksLikeHeading = (title: string) =>
  title.split(/\s+/).length <= 12 &&
  !/[.,;]$/.test(title) &&
  !TRAILING_WORD.test(title) &&
  !SENTENCE_WORD.test(title) &&
  (title.match(/\p{L}/gu)?.length ?? 0) >= title.replace(/\s/g, '').length * 0.6;

type HeadingState = { top: number; afterReferences: boolean };
type Heading = { heading: string; level: number; rest: string; references?: boolean; appendix?: boolean };

function keywordHeading(line: string, state: HeadingState): Heading | null {
  const m = KEYWORD.exec(line);
  if (!m || !/^\p{Lu}/u.test(m[1]!)) return null;
  const word = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (word === 'references' || word === 'bibliography') return rest ? null : { heading: 'References', level: 1, rest: '', references: true };
  if (/^appendi|^supplementary/.test(word)) return !rest || looksLikeHeading(rest) ? { heading: line, level: 1, rest: '', appendix: true } : null;
  // Abstract and acknowledgements stand alone, or run into their first sentence (`Abstract—We …`).
  return !rest || rest.length >= 40 ? { heading: m[1]!, level: 1, rest, appendix: state.afterReferences } : null;
}

/** A heading, if `line` is the next one in numbering order. */
function numberedHeading(line: string, state: HeadingState): Heading | null {
  const numbered = NUMBERED.exec(line);
  if (numbered && looksLikeHeading(numbered[2]!)) {
    const parts = numbered[1]!.split('.').map(Number);
    const ok = parts.length === 1 ? parts[0] === state.top + 1 : parts[0] === state.top && parts.every((p) => p >= 1 && p < 30);
    if (ok) {
      state.top = parts[0]!;
      return { heading: line, level: parts.length, rest: '', appendix: state.afterReferences };
    }
  }
  const roman = ROMAN.exec(line);
  if (roman && looksLikeHeading(roman[2]!) && ROMANS.indexOf(roman[1]!) === state.top) {
    state.top++;
    return { heading: line, level: 1, rest: '', appendix: state.afterReferences };
  }
  const lettered = state.afterReferences ? LETTERED.exec(line) : null;
  if (lettered && looksLikeHeading(lettered[2]!)) return { heading: line, level: lettered[1]!.split('.').length, rest: '', appendix: true };
  return null;
}

/** Joins a section's lines into running text, undoing end-of-line hyphenation. */
const joinLines = (lines: string[]) => lines.join('\n').replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2').replace(/\s*\n\s*/g, ' ').trim();

/** Page texts (one string per page, lines separated by `\n`) → sections. */
export function pdfPagesToSections(pageTexts: string[]): DocSection[] {
  const pages = pageTexts.map((p) => p.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean));
  const junk = furniture(pages);
  const state: HeadingState = { top: 0, afterReferences: false };
  const sections: DocSection[] = [];
  let current = { heading: '', level: 0, appendix: false, lines: [] as string[], drop: false };
  const push = () => {
    if (!current.drop && (current.heading || current.lines.length)) sections.push({ heading: current.heading, level: current.level, appendix: current.appendix, text: joinLines(current.lines) });
  };
  for (const line of pages.flat()) {
    if (STAMP.test(line) || PAGE_NUMBER.test(line) || junk.has(shape(line))) continue;
    const heading = keywordHeading(line, state) ?? numberedHeading(line, state);
    if (!heading) {
      current.lines.push(line);
      continue;
    }
    push();
    if (heading.references) state.afterReferences = true;
    // The bibliography is dropped here already: its entries would only crowd the appendix out.
    current = { heading: heading.heading, level: heading.level, appendix: Boolean(heading.appendix), lines: heading.rest ? [heading.rest] : [], drop: Boolean(heading.references) };
  }
  push();
  return sections;
}

/** The PDF's sections; throws when pdf.js cannot read the file. */
export async function extractPdfSections(bytes: Uint8Array): Promise<DocSection[]> {
  // Loaded on first use: pdf.js is large, and only full-text summaries need it.
  const { extractText, getDocumentProxy } = await import('unpdf');
  // pdf.js may take over (detach) the buffer it is given; the caller's bytes stay usable.
  // Verbosity 0: its warnings about damaged files would go to the run's log for every paper.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return pdfPagesToSections(text);
  } finally {
    await pdf.loadingTask.destroy();
  }
}
