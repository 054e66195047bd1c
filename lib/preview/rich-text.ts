/**
 * Turns a title or abstract from arXiv into segments the page renders: plain text (React escapes
 * it), highlighted terms, and `$…$` math rendered by KaTeX server-side. Only KaTeX's own output is
 * ever HTML: with `trust: false` it allows no links, classes or raw HTML from the source, and
 * with `throwOnError: false` a bad formula shows as escaped source text.
 * https://katex.org/docs/security
 */
import katex from 'katex';

export type Segment = { kind: 'text'; text: string } | { kind: 'hit'; text: string } | { kind: 'math'; html: string };

/** `$…$` on one line, not `\$`, not empty, not `$$`; at most this many characters of TeX per formula. */
const INLINE_MATH = /(?<![\\$])\$(?!\$)([^$\n]{1,300}?)(?<!\\)\$(?!\$)/g;
/** Bounds KaTeX's work on hostile input (macro bombs, huge sizes). */
const KATEX_OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxSize: 10, maxExpand: 200, output: 'htmlAndMathml' } as const;

export function renderMath(tex: string): string {
  return katex.renderToString(tex, KATEX_OPTIONS);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A user term as text to find: quotes of an exact phrase dropped, blank terms ignored. */
const termText = (term: string) => term.replace(/^"(.*)"$/, '$1').trim();

/** Case-insensitive, whole words (an optional plural `s`), longest terms first so phrases win. */
export function termPattern(terms: string[]): RegExp | null {
  const texts = [...new Set(terms.map(termText).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!texts.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${texts.map(escapeRegExp).join('|')})(?:e?s)?(?![\\p{L}\\p{N}])`, 'giu');
}

/** Splits plain text into text and hit segments. */
export function highlight(text: string, pattern: RegExp | null): Segment[] {
  if (!pattern || !text) return text ? [{ kind: 'text', text }] : [];
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    out.push({ kind: 'hit', text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Math rendered, the rest highlighted. */
export function richText(text: string, terms: string[] = []): Segment[] {
  const pattern = termPattern(terms);
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE_MATH)) {
    out.push(...highlight(text.slice(last, m.index), pattern));
    out.push({ kind: 'math', html: renderMath(m[1]!) });
    last = m.index + m[0].length;
  }
  out.push(...highlight(text.slice(last), pattern));
  return out;
}
