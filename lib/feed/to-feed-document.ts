/**
 * Shapes a selection into the format-neutral feed document: the human words (title,
 * description, notices), the rendered summaries and the links, all cleaned once before any
 * renderer sees them.
 */
import type { StoredSummary } from '../model/summary';
import type { SelectedPaper, Selection } from '../select/select-papers';
import { cleanFeedDocument } from './clean-document';
import { describeFeed, notIngestedNotice, titleFor } from './describe-feed';
import type { FeedDocument, FeedItem, FeedSummary } from './feed-document';
import { summaryToHtml, summaryToText, summaryToTldr } from './render-summary';

export type FeedUrls = {
  /** Absolute URL of the feed itself. */
  selfUrl: string;
  /** Absolute URL of the human page for this selection. */
  homeUrl: string;
};

function toFeedSummary(stored: StoredSummary): FeedSummary {
  return { html: summaryToHtml(stored), text: summaryToText(stored), tldr: summaryToTldr(stored), model: stored.model, language: stored.language, createdAt: stored.createdAt };
}

// Keys in this order: the ETag hashes the serialized document.
const toFeedItem = ({ paper, score, matches, summary }: SelectedPaper): FeedItem => ({
  paper,
  score,
  matches,
  summary: summary ? toFeedSummary(summary) : null,
});

export function toFeedDocument(selection: Selection, urls: FeedUrls): FeedDocument {
  const { profile, days, summariesOff } = selection;
  const notices = selection.notIngested.map(notIngestedNotice);
  return cleanFeedDocument({
    title: titleFor(profile),
    description: describeFeed(profile, days, notices, summariesOff),
    selfUrl: urls.selfUrl,
    homeUrl: urls.homeUrl,
    updated: selection.updated,
    // Titles and abstracts on arXiv are English whatever the summary language.
    language: 'en',
    categories: profile.categories,
    keywords: profile.keywords,
    days,
    notIngested: selection.notIngested.map((m) => m.category),
    notices,
    summariesOff,
    items: selection.items.map(toFeedItem),
  });
}
