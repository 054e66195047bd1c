/**
 * The body of one feed item, shared by all three formats: the summary (when stored, under its
 * "AI summary (…)" label) above the score and matched terms, authors, categories, the abstract
 * under its own heading, and links to the abstract, PDF and HTML — and, in a saved profile's feed,
 * "More like this" / "Less like this".
 */
import { absUrl, htmlUrl, pdfUrl } from '../model/paper';
import type { Match } from '../score/rank-papers';
import type { FeedItem } from './feed-document';
import { h, renderHtml, type HtmlNode } from './html-fragment';

/** Feeds show scores with at most two decimals (`2.25`, `3`); the preview card rounds to one. */
export const formatScoreForFeed = (score: number) => String(Math.round(score * 100) / 100);

/** Points a profile's likes and dislikes gave (lib/score/learned), as opposed to its keyword rules. */
const LEARNED = new Set<Match['where']>(['similar', 'liked', 'disliked']);
export const isLearnedMatch = (m: Match) => LEARNED.has(m.where);

const signed = (points: number) => (points < 0 ? `−${formatScoreForFeed(-points)}` : `+${formatScoreForFeed(points)}`);

/** What a learned match says, the paper's title in `*…*`: `like *Title* (+2.1)`, `liked (+3)`, `less like *Title* (−1.5)`. */
function learnedPhrase(m: Match): [before: string, title: string | null, after: string] {
  if (m.where === 'liked') return ['liked', null, ` (${signed(m.points)})`];
  // `similar` without an id: the classifier's lean towards the liked papers as a whole.
  if (m.where === 'similar' && !m.id) return [`like ${m.term}`, null, ` (${signed(m.points)})`];
  return [m.where === 'similar' ? 'like ' : 'less like ', m.term, ` (${signed(m.points)})`];
}

/** `llm (title, abstract)`, one entry per rule term, in first-match order, then the learned ones (`like *Title* (+2.1)`). */
export function describeMatches(matches: Match[]): string[] {
  const where = new Map<string, Set<string>>();
  for (const m of matches) if (!isLearnedMatch(m)) where.set(m.term, (where.get(m.term) ?? new Set()).add(m.where));
  const rules = [...where].map(([term, places]) => `${term} (${[...places].join(', ')})`);
  const learned = matches.filter(isLearnedMatch).map(learnedPhrase).map(([before, title, after]) => `${before}${title === null ? '' : `*${title}*`}${after}`);
  return [...rules, ...learned];
}

/** Distinct matched rule terms, for categories/tags/extension fields (a liked paper's title is no tag). */
export const matchedTerms = (matches: Match[]) => [...new Set(matches.filter((m) => !isLearnedMatch(m)).map((m) => m.term))];

function scoreLine(item: FeedItem): string {
  const matched = describeMatches(item.matches);
  return `Score ${formatScoreForFeed(item.score)}${matched.length ? ` · matched: ${matched.join('; ')}` : ''}`;
}

/** The score line as HTML: the same words, a liked paper's title in <em> instead of asterisks. */
function scoreNodes(item: FeedItem): HtmlNode[] {
  const rules = describeMatches(item.matches.filter((m) => !isLearnedMatch(m)));
  const learned = item.matches.filter(isLearnedMatch).map(learnedPhrase);
  const nodes: HtmlNode[] = [`Score ${formatScoreForFeed(item.score)}${rules.length || learned.length ? ' · matched: ' : ''}${rules.join('; ')}`];
  learned.forEach(([before, title, after], i) => {
    nodes.push(`${rules.length || i ? '; ' : ''}${before}`, ...(title === null ? [] : [h('em', null, title)]), after);
  });
  return nodes;
}

function feedbackLine(item: FeedItem): HtmlNode[] {
  if (!item.feedback) return [];
  return [h('p', null, h('a', { href: item.feedback.more }, 'More like this'), ' · ', h('a', { href: item.feedback.less }, 'Less like this'))];
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
    h('p', null, h('strong', null, ...scoreNodes(item))),
    h('p', null, h('em', null, p.authors.join(', '))),
    h('p', null, metaLine(item)),
    section('Abstract'),
    h('p', null, p.abstract),
    linksLine(item),
    ...feedbackLine(item),
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
    ...(item.feedback ? [`More like this: ${item.feedback.more}\nLess like this: ${item.feedback.less}`] : []),
  ].join('\n\n');
}
