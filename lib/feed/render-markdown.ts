/**
 * The old bot's Markdown page (`format=md`, `npm run digest`) from a cleaned FeedDocument: a
 * statistics header (last updated, papers found, categories monitored), the feed's notices, then
 * every paper numbered in rank order (a digest groups them under one heading per period). Built as
 * an mdast tree and serialized by mdast-util-to-markdown, which escapes every character that would
 * mean something to GitHub's Markdown; see markdown-nodes.ts for what may be HTML.
 */
import type { RootContent } from 'mdast';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { summariesOffNote } from './describe-feed';
import { entryPapers } from './digest-content';
import type { FeedDocument } from './feed-document';
import { fieldLines, heading, paperSection, paragraph, textNodes } from './markdown-nodes';

const OPTIONS: Options = {
  bullet: '-',
  rule: '-',
  emphasis: '_',
  strong: '*',
  listItemIndent: 'one',
  unsafe: [
    // GitHub's own extensions: `~~strike~~` and table pipes would otherwise mean something there.
    { character: '~', inConstruct: 'phrasing' },
    { character: '|', inConstruct: 'phrasing' },
    // In a title's link text an escaped `\](` still ends the link for some parsers (marked).
    { character: '(', inConstruct: 'label' },
  ],
};

const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function header(doc: FeedDocument): RootContent[] {
  const stats = fieldLines([
    [['Last updated', [{ type: 'text', value: utc(doc.updated) }]]],
    [['Papers found', [{ type: 'text', value: String(doc.items.length) }]]],
    [['Categories monitored', [{ type: 'text', value: doc.categories.join(', ') }]]],
  ]);
  const notices = [...doc.notices, ...(doc.summariesOff ? [summariesOffNote(doc.items.filter((i) => i.summary).length)] : [])];
  return [
    heading(1, textNodes(doc.title)),
    stats,
    ...(notices.length ? [{ type: 'blockquote', children: notices.map((n) => paragraph(...textNodes(n))) } as RootContent] : []),
  ];
}

function body(doc: FeedDocument): RootContent[] {
  if (!doc.items.length) return [paragraph({ type: 'text', value: 'No paper of the shown days matches this selection.' })];
  if (!doc.digest) return doc.items.flatMap((item, i) => [{ type: 'thematicBreak' } as RootContent, ...paperSection(item, i + 1, 2)]);
  return doc.digest.entries.flatMap((entry) => [
    { type: 'thematicBreak' } as RootContent,
    heading(2, textNodes(entry.title)),
    paragraph(...textNodes(entry.intro)),
    ...entryPapers(doc, entry).flatMap((item, i) => paperSection(item, i + 1, 3)),
  ]);
}

export function renderMarkdown(doc: FeedDocument): string {
  return toMarkdown({ type: 'root', children: [...header(doc), ...body(doc)] }, OPTIONS);
}
