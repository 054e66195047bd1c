/** JSON Feed 1.1 of a digest document: one item per period, its papers also as data in `_arxiv`. */
import { absUrl } from '../model/paper';
import { digestContentHtml, digestContentText, digestSummary, entryPapers } from './digest-content';
import type { DigestEntry, DigestView } from './digest-document';
import type { FeedDocument, FeedItem } from './feed-document';
import { matchedTerms } from './item-content';
import { jsonFeedExtension, jsonFeedHead } from './feed-channel';

const paperData = (item: FeedItem) => ({
  id: item.paper.id,
  version: item.paper.version,
  title: item.paper.title,
  url: absUrl(item.paper.id),
  primary_category: item.paper.categories[0],
  announced: item.paper.announced,
  score: item.score,
  matched_terms: matchedTerms(item.matches),
  ...(item.summary ? { summary_label: item.summary.label, tldr: item.summary.tldr } : {}),
});

function toItem(doc: FeedDocument, digest: DigestView, entry: DigestEntry) {
  const papers = entryPapers(doc, entry);
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    content_html: digestContentHtml(entry, papers),
    content_text: digestContentText(entry, papers),
    summary: digestSummary(entry, papers),
    date_published: entry.published,
    date_modified: entry.updated,
    tags: doc.categories,
    language: 'en',
    _arxiv: { digest: digest.period, period: entry.key, days: entry.days, papers: papers.map(paperData) },
  };
}

export function renderDigestJson(doc: FeedDocument, digest: DigestView): string {
  return JSON.stringify({
    ...jsonFeedHead(doc),
    authors: [{ name: 'arxiv-feeds' }],
    _arxiv: { ...jsonFeedExtension(doc), digest: digest.period },
    items: digest.entries.map((entry) => toItem(doc, digest, entry)),
  });
}
