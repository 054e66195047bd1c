/**
 * Renders a stored summary for feeds and the page. LLM output is untrusted text: each field is
 * read as Markdown (marked), the HTML is sanitized with an allowlist (sanitize-html: no scripts,
 * no event handlers, no `style`, links http/https only), and XML-illegal characters are stripped,
 * so the result can go into RSS/Atom CDATA, JSON Feed `content_html` and the page as is.
 * Structured summaries show TL;DR, contributions, method, results, limitations; the plain-text
 * fallback (a provider without JSON mode) is rendered as one Markdown document.
 */
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { StoredSummary, SummaryContent } from '../model/summary';
import { stripXmlIllegal } from '../text/clean-text';
import { texToText } from '../text/tex-to-text';
import { h, renderHtml } from './html-fragment';

/** Tags a summary may use; headings start at h4 because the summary sits inside an item. */
const SUMMARY_HTML_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'code', 'pre', 'blockquote', 'a', 'h4', 'h5', 'h6', 'sub', 'sup'],
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // A second line of defence (raw HTML is already text): dropped tags keep their text, except
  // script/style/textarea… whose text is dropped too.
  disallowedTagsMode: 'discard',
  // Headings the model writes (#, ##) would outrank the item's own title: demote them.
  transformTags: {
    h1: 'h4',
    h2: 'h4',
    h3: 'h5',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
  },
};

/** Plain text: no tag survives (the ones Markdown produced; raw HTML was already turned into text). */
const TEXT_POLICY: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' };

/**
 * Our own Marked instance (global `marked.use()` calls elsewhere cannot change it). Raw HTML in
 * the model's Markdown is shown as text, not parsed: the prompt asks for no HTML, so `<fast>` or
 * `a<b and c>d` are words, and a `<script>` the model was tricked into writing is visible and inert.
 */
const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      const asText: Tokens.Text = { type: 'text', raw: token.raw, text: token.text, escaped: false };
      return 'block' in token && token.block
        ? this.paragraph({ type: 'paragraph', raw: token.raw, text: token.text, tokens: [asText] })
        : this.text(asText);
    },
  },
});

const LABELS: Record<string, Record<'tldr' | 'contributions' | 'method' | 'results' | 'limitations', string>> = {
  en: { tldr: 'TL;DR', contributions: 'Contributions', method: 'Method', results: 'Results', limitations: 'Limitations' },
  zh: { tldr: '要点', contributions: '贡献', method: '方法', results: '结果', limitations: '局限' },
};
const labelsFor = (language: string) => LABELS[language.split('-')[0]!.toLowerCase()] ?? LABELS.en!;

/**
 * `$…$` inline math becomes a code span so Markdown leaves `_` and `*` inside formulas alone
 * (the formula then shows as its TeX source, which readers of arXiv know).
 */
const INLINE_MATH = /(?<![\\$`])\$(?!\$)([^$`\n]{1,300}?)(?<!\\)\$(?!\$)/g;
const protectMath = (text: string) => text.replace(INLINE_MATH, (whole) => `\`${whole}\``);

/** A field as Markdown can read it: the model echoes the abstract's TeX (`\textbf{…}`, `50\%`), typeset here like the abstract. */
const prepare = (text: string) => protectMath(stripXmlIllegal(texToText(text)));

/** One untrusted Markdown fragment → sanitized HTML. */
function markdownToSafeHtml(text: string): string {
  const html = markdown.parse(prepare(text)) as string;
  return sanitizeHtml(html, SUMMARY_HTML_POLICY);
}

const heading = (label: string) => renderHtml([h('h4', null, label)]);

function structuredHtml(content: SummaryContent, language: string): string {
  const labels = labelsFor(language);
  const sections: string[] = [];
  const add = (label: string, body: string) => body.trim() && sections.push(heading(label) + markdownToSafeHtml(body));
  add(labels.tldr, content.tldr);
  // One line per item, so a stray newline or list marker inside an item cannot break the list.
  const items = content.contributions.map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean);
  add(labels.contributions, items.map((c) => `- ${c}`).join('\n'));
  add(labels.method, content.method);
  add(labels.results, content.results);
  add(labels.limitations, content.limitations);
  return sections.join('');
}

/** Sanitized, XML-safe HTML for RSS/Atom content, JSON Feed `content_html` and the page. */
export function summaryToHtml(summary: StoredSummary): string {
  const raw = summary.content ? structuredHtml(summary.content, summary.language) : markdownToSafeHtml(summary.text ?? '');
  // A second pass over the joined fragments: whatever was concatenated above is re-checked as a whole.
  return stripXmlIllegal(sanitizeHtml(raw, SUMMARY_HTML_POLICY));
}

/** sanitize-html re-escapes text; undo exactly its escaping to get plain characters back. */
const unescapeSanitized = (s: string) =>
  s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

/**
 * Plain words of a Markdown field, the same words the HTML shows: inline Markdown is rendered
 * first so a link keeps only its text (no `javascript:` URL survives into text), then the tags
 * Markdown made go; HTML the model wrote stays as the literal text the page shows too.
 */
function plainText(text: string): string {
  const html = markdown.parseInline(prepare(text)) as string;
  return unescapeSanitized(sanitizeHtml(html, TEXT_POLICY)).replace(/[ \t]+/g, ' ').trim();
}

/** Clean plain text (no HTML) for JSON Feed `content_text` and previews. */
export function summaryToText(summary: StoredSummary): string {
  if (!summary.content) return plainText(summary.text ?? '');
  const c = summary.content;
  const labels = labelsFor(summary.language);
  const items = c.contributions.map(plainText).filter(Boolean);
  return [
    c.tldr.trim() && `${labels.tldr}: ${plainText(c.tldr)}`,
    items.length && `${labels.contributions}:\n${items.map((i) => `- ${i}`).join('\n')}`,
    c.method.trim() && `${labels.method}: ${plainText(c.method)}`,
    c.results.trim() && `${labels.results}: ${plainText(c.results)}`,
    c.limitations.trim() && `${labels.limitations}: ${plainText(c.limitations)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Longest short summary; JSON Feed's `summary` is "a plain text sentence or two". */
const MAX_TLDR_CHARS = 400;

/** A sentence or two of plain text (JSON Feed `summary`, previews): the TL;DR, or the fallback text's first paragraph. */
export function summaryToTldr(summary: StoredSummary): string {
  const source = summary.content?.tldr ?? (summary.text ?? '').split(/\n\s*\n/).find((p) => plainText(p).replace(/^#+\s*/, '')) ?? '';
  const text = plainText(source).replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
  return text.length > MAX_TLDR_CHARS ? `${text.slice(0, MAX_TLDR_CHARS - 1).trimEnd()}…` : text;
}
