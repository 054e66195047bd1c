/**
 * Markdown syntax trees (mdast) for the Markdown page: arXiv and LLM text only ever becomes
 * `text` and `inlineCode` nodes, which mdast-util-to-markdown escapes, so none of it can become
 * markup. The one piece of HTML is our own `<details>` wrapper around a summary, whose label is
 * escaped by the same XML builder the feeds use.
 */
import type { BlockContent, Heading, Html, List, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { absUrl } from '../model/paper';
import type { FeedItem } from './feed-document';
import { h, renderHtml } from './html-fragment';
import { describeMatches, formatScoreForFeed } from './item-content';

/** `$…$` on one line, as the page and the summaries find it. */
const INLINE_MATH = /(?<![\\$])\$(?!\$)([^$\n]{1,300}?)(?<!\\)\$(?!\$)/g;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Text as phrasing nodes: formulas become code spans (their TeX shown as written; escaping would
 * otherwise put backslashes into the TeX), the rest plain text.
 */
export function textNodes(raw: string): PhrasingContent[] {
  const s = oneLine(raw);
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of s.matchAll(INLINE_MATH)) {
    if (m.index > last) out.push({ type: 'text', value: s.slice(last, m.index) });
    out.push({ type: 'inlineCode', value: m[0] });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ type: 'text', value: s.slice(last) });
  return out;
}

export const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
export const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [{ type: 'text', value }] });
const link = (url: string, children: PhrasingContent[]): PhrasingContent => ({ type: 'link', url, children });
const br: PhrasingContent = { type: 'break' };
export const heading = (depth: Heading['depth'], children: PhrasingContent[]): Heading => ({ type: 'heading', depth, children });

/** `**Label:** value` pairs, joined by ` · ` within a line and by hard breaks between lines. */
export function fieldLines(lines: [label: string, value: PhrasingContent[]][][]): Paragraph {
  const children: PhrasingContent[] = [];
  lines.forEach((fields, i) => {
    if (i > 0) children.push(br);
    fields.forEach(([label, value], j) => {
      if (j > 0) children.push({ type: 'text', value: ' · ' });
      children.push(strong(`${label}:`), { type: 'text', value: ' ' }, ...value);
    });
  });
  return paragraph(...children);
}

const plain = (value: string): PhrasingContent[] => [{ type: 'text', value }];

function metaFields(item: FeedItem): Paragraph {
  const p = item.paper;
  const [primary, ...others] = p.categories;
  const matched = describeMatches(item.matches);
  return fieldLines([
    [['Authors', textNodes(p.authors.join(', ') || '(none listed)')]],
    [
      ['Category', plain(others.length ? `${primary} (also ${others.join(', ')})` : (primary ?? ''))],
      ['Announced', plain(p.announced)],
      ['Score', plain(formatScoreForFeed(item.score))],
      ['Type', plain(p.announceType)],
      ['arXiv', [link(`${absUrl(p.id)}v${p.version}`, plain(`${p.id}v${p.version}`))]],
    ],
    ...(matched.length ? [[['Matched', textNodes(matched.join('; '))]] as [string, PhrasingContent[]][]] : []),
  ]);
}

/** A summary's plain text (blank-line blocks, `- ` items) as paragraphs and lists. */
function summaryBlocks(text: string): BlockContent[] {
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.trim())
    .flatMap((block): BlockContent[] => {
      const lines = block.split('\n');
      const items = lines.filter((l) => /^\s*- /.test(l));
      const rest = lines.filter((l) => !/^\s*- /.test(l)).join(' ');
      const list: List = {
        type: 'list',
        ordered: false,
        spread: false,
        children: items.map((l) => ({ type: 'listItem', spread: false, children: [paragraph(...textNodes(l.replace(/^\s*- /, '')))] })),
      };
      return [...(rest.trim() ? [paragraph(...textNodes(rest))] : []), ...(items.length ? [list] : [])];
    });
}

/** `<details><summary>AI summary (model, from the abstract)</summary>` … `</details>` around the summary's Markdown. */
function summaryDetails(item: FeedItem): RootContent[] {
  if (!item.summary) return [];
  const open: Html = { type: 'html', value: `<details>\n${renderHtml([h('summary', null, oneLine(item.summary.label))])}` };
  return [open, ...summaryBlocks(item.summary.text), { type: 'html', value: '</details>' }];
}

/** One paper: a numbered linked title, its fields, the abstract, and the AI summary collapsed. */
export function paperSection(item: FeedItem, rank: number, depth: Heading['depth']): RootContent[] {
  const p = item.paper;
  return [
    heading(depth, [{ type: 'text', value: `${rank}. ` }, link(absUrl(p.id), textNodes(p.title))]),
    metaFields(item),
    paragraph(strong('Abstract:'), { type: 'text', value: ' ' }, ...textNodes(p.abstract)),
    ...summaryDetails(item),
  ];
}
