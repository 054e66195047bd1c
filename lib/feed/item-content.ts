/**
 * The body of one feed item, shared by all three formats: the summary (when stored, under its
 * "AI summary (…)" label) above the score and matched terms, authors, categories, the abstract
 * under its own heading, and links to the abstract, PDF and HTML.
 */
import { absUrl, htmlUrl, pdfUrl } from '../model/paper';
import type { Match } from '../score/rank-papers';
import type { FeedItem } from './feed-document';
import { h, renderHtml, type HtmlNode } from './html-fragment';

/** Feeds show scores with at most two decimals (`2.25`, `3`); the preview card rounds to one. */
export const formatScoreForFeed = (score: number) => String(Math.round(score * 100) / 100);

/** `llm (title, abstract)`, one entry per term, in first-match order. */
export function describeMatches(matches: Match[]): string[] {
  const where = new Map<string, Set<string>>();
  for (const m of matches) where.set(m.term, (where.get(m.term) ?? new Set()).add(m.where));
  return [...where].map(([term, places]) => `${term} (${[...places].join(', ')})`);
}

/** Distinct matched terms, for categories/tags/extension fields. */
export const matchedTerms = (matches: Match[]) => [...new Set(matches.map((m) => m.term))];

function scoreLine(item: FeedItem): string {
  const matched = describeMatches(item.matches);
  return `Score ${formatScoreForFeed(item.score)}${matched.length ? ` · matched: ${matched.join('; ')}` : ''}`;
}

function metaLine(item: FeedItem): string {
  const p = item.paper;
  const replaced = p.announceType.startsWith('replace') ? ` · v${p.version}, first announced ${p.firstAnnounced}` : '';
  const updated = item.update ? ` · updated to v${item.update.version} on ${item.update.announced}` : '';
  return `${p.categories.join(', ')} · ${p.announceType} · ${p.announced}${replaced}${updated}`;
}

/** Heading level of the item's own sections; the summary's sections are h4 below them. */
const section = (label: string) => h('h3', null, label);

function linksLine(item: FeedItem): HtmlNode {
  const { id, version } = item.paper;
  return h(
    'p',
    null,
    h('a', { href: absUrl(id) }, 'Abstract'),
    ' · ',
    h('a', { href: pdfUrl(id, version) }, 'PDF'),
    ' · ',
    h('a', { href: htmlUrl(id, version) }, 'HTML'),
  );
}

/** HTML for RSS `description`, Atom `content` and JSON Feed `content_html`. */
export function itemContentHtml(item: FeedItem): string {
  const p = item.paper;
  const body = renderHtml([
    h('p', null, h('strong', null, scoreLine(item))),
    h('p', null, h('em', null, p.authors.join(', '))),
    h('p', null, metaLine(item)),
    section('Abstract'),
    h('p', null, p.abstract),
    linksLine(item),
  ]);
  // summaryToHtml returns sanitized HTML; it goes first so readers see the summary above the abstract.
  return item.summary?.html ? renderHtml([section(item.summary.label)]) + item.summary.html + body : body;
}

/** Plain text for JSON Feed `content_text`. */
export function itemContentText(item: FeedItem): string {
  const p = item.paper;
  return [
    ...(item.summary?.text ? [`${item.summary.label}:\n${item.summary.text}`] : []),
    scoreLine(item),
    `Authors: ${p.authors.join(', ')}`,
    metaLine(item),
    `Abstract:\n${p.abstract}`,
    `Abstract: ${absUrl(p.id)}  PDF: ${pdfUrl(p.id, p.version)}  HTML: ${htmlUrl(p.id, p.version)}`,
  ].join('\n\n');
}
