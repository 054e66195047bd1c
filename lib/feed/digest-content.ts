/**
 * The body of one digest item, shared by the three feed formats: the entry's opening sentences,
 * then its papers in rank order, each with its linked title, authors, primary category, score and
 * matched terms, the AI summary's TL;DR under its label when one is stored, and the abstract
 * collapsed in `<details>` (readers that drop the element still show its text).
 */
import { absUrl } from '../model/paper';
import type { DigestEntry } from './digest-document';
import type { FeedDocument, FeedItem } from './feed-document';
import { h, renderHtml, type HtmlNode } from './html-fragment';
import { describeMatches, formatScoreForFeed } from './item-content';

/** Names listed per paper before "and N more": a digest lists dozens of papers. */
const MAX_AUTHORS = 12;

export const entryPapers = (doc: Pick<FeedDocument, 'items'>, entry: Pick<DigestEntry, 'first' | 'count'>): FeedItem[] =>
  doc.items.slice(entry.first, entry.first + entry.count);

function authorsLine(authors: string[]): string {
  const shown = authors.slice(0, MAX_AUTHORS).join(', ');
  return authors.length > MAX_AUTHORS ? `${shown} and ${authors.length - MAX_AUTHORS} more` : shown;
}

/** `cs.LG · Score 2.5 · matched: llm (title)`, plus the day when the entry spans several. */
function metaLine(item: FeedItem, manyDays: boolean): string {
  const matched = describeMatches(item.matches);
  return [
    item.paper.categories[0] ?? '',
    `Score ${formatScoreForFeed(item.score)}`,
    ...(matched.length ? [`matched: ${matched.join('; ')}`] : []),
    ...(manyDays ? [`announced ${item.paper.announced}`] : []),
  ].join(' · ');
}

function paperHtml(item: FeedItem, manyDays: boolean): HtmlNode {
  const p = item.paper;
  return h(
    'li',
    null,
    h('p', null, h('strong', null, h('a', { href: absUrl(p.id) }, p.title))),
    h('p', null, h('em', null, authorsLine(p.authors))),
    h('p', null, metaLine(item, manyDays)),
    ...(item.summary?.tldr ? [h('p', null, h('strong', null, `${item.summary.label}:`), ` ${item.summary.tldr}`)] : []),
    h('details', null, h('summary', null, 'Abstract'), h('p', null, p.abstract)),
  );
}

/** HTML for RSS `description`, Atom `content` and JSON Feed `content_html`. */
export function digestContentHtml(entry: DigestEntry, papers: FeedItem[]): string {
  const manyDays = entry.days.length > 1;
  return renderHtml([h('p', null, entry.intro), h('ol', null, ...papers.map((item) => paperHtml(item, manyDays)))]);
}

/** Plain text for JSON Feed `content_text`. */
export function digestContentText(entry: DigestEntry, papers: FeedItem[]): string {
  const manyDays = entry.days.length > 1;
  const blocks = papers.map((item, i) => {
    const p = item.paper;
    return [
      `${i + 1}. ${p.title}`,
      absUrl(p.id),
      authorsLine(p.authors),
      metaLine(item, manyDays),
      ...(item.summary?.tldr ? [`${item.summary.label}: ${item.summary.tldr}`] : []),
      `Abstract: ${p.abstract}`,
    ].join('\n');
  });
  return [entry.intro, ...blocks].join('\n\n');
}

/** A sentence for Atom `summary` and JSON Feed `summary`: the intro and the first titles. */
export function digestSummary(entry: DigestEntry, papers: FeedItem[]): string {
  const top = papers.slice(0, 3).map((i) => i.paper.title);
  return top.length ? `${entry.intro} Top: ${top.join(' / ')}${papers.length > top.length ? ' / …' : ''}` : entry.intro;
}
