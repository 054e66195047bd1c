/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from a cleaned FeedDocument. */
import { absUrl, htmlUrl, pdfUrl } from '../model/paper';
import type { FeedDocument, FeedItem } from './feed-document';
import { dayToIso } from './feed-namespaces';
import { itemContentHtml, itemContentText, matchedTerms } from './item-content';
import { jsonFeedExtension, jsonFeedHead } from './feed-channel';

function toItem(item: FeedItem) {
  const p = item.paper;
  return {
    id: absUrl(p.id),
    url: absUrl(p.id),
    external_url: pdfUrl(p.id, p.version),
    title: p.title,
    content_html: itemContentHtml(item),
    content_text: itemContentText(item),
    // Readers show `summary` as the preview line, so it says whose words these are.
    ...(item.summary?.tldr ? { summary: `AI summary: ${item.summary.tldr}` } : {}),
    date_published: dayToIso(p.announced),
    date_modified: item.updated,
    authors: p.authors.map((name) => ({ name })),
    tags: p.categories,
    language: 'en',
    // Extension object (JSON Feed allows keys starting with "_"): what a reader script needs.
    _arxiv: {
      id: p.id,
      version: p.version,
      announce_type: p.announceType,
      announced: p.announced,
      first_announced: p.firstAnnounced,
      ...(item.update ? { updated_to: { version: item.update.version, announced: item.update.announced } } : {}),
      categories: p.categories,
      score: item.score,
      matched_terms: matchedTerms(item.matches),
      matches: item.matches,
      ...(item.feedback ? { feedback: item.feedback } : {}),
      pdf_url: pdfUrl(p.id, p.version),
      html_url: htmlUrl(p.id, p.version),
      ...(p.doi ? { doi: p.doi } : {}),
      ...(p.journalRef ? { journal_ref: p.journalRef } : {}),
      ...(p.comments ? { comments: p.comments } : {}),
      ...(item.summary
        ? { summary_label: item.summary.label, summary_model: item.summary.model, summary_language: item.summary.language, summary_source: item.summary.source, summary_created: item.summary.createdAt }
        : {}),
    },
  };
}

export function renderJsonFeed(doc: FeedDocument): string {
  return JSON.stringify({
    ...jsonFeedHead(doc),
    _arxiv: jsonFeedExtension(doc),
    items: doc.items.map(toItem),
  });
}
