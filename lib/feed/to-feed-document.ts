/**
 * Shapes a selection into the format-neutral feed document: the human words (title,
 * description, notices), display text (display-paper.ts), the rendered and labelled summaries
 * and the links, all cleaned once before any renderer sees them.
 */
import { summarySource, type StoredSummary } from '../model/summary';
import type { DigestSelection } from '../select/select-digest';
import type { SelectedPaper, Selection } from '../select/select-papers';
import { cleanFeedDocument } from './clean-document';
import { describeFeed, leftOutNotice, notIngestedNotice, pendingSummariesNotice, titleFor } from './describe-feed';
import { displayPaper } from './display-paper';
import type { FeedDocument, FeedItem, FeedSummary } from './feed-document';
import { feedbackLinks } from './feedback-links';
import { dayToIso } from './feed-namespaces';
import { summaryToHtml, summaryToText, summaryToTldr } from './render-summary';
import { summaryLabel } from './summary-label';
import { digestNotices, digestSentence, toDigestView } from './to-digest-view';

export type FeedUrls = {
  /** Absolute URL of the feed itself. */
  selfUrl: string;
  /** Absolute URL of the human page for this selection. */
  homeUrl: string;
  /** A saved profile's feedback page (absolute): each item then links to it ("More like this"). */
  feedbackUrl?: string;
};

function toFeedSummary(stored: StoredSummary): FeedSummary {
  return {
    html: summaryToHtml(stored),
    text: summaryToText(stored),
    tldr: summaryToTldr(stored),
    model: stored.model,
    language: stored.language,
    createdAt: stored.createdAt,
    source: summarySource(stored),
    label: summaryLabel(stored),
  };
}

/** The later of the item's newest announcement and its summary, so readers see a summary that came later. */
function itemUpdated({ paper, update, summary }: SelectedPaper): string {
  const announced = dayToIso(update?.announced ?? paper.announced);
  const summarized = summary ? Date.parse(summary.createdAt) : NaN;
  return Number.isFinite(summarized) && summarized > Date.parse(announced) ? new Date(summarized).toISOString() : announced;
}

// Keys in this order: the ETag hashes the serialized document.
const toFeedItem = (selected: SelectedPaper, feedbackUrl?: string): FeedItem => ({
  paper: displayPaper(selected.paper),
  score: selected.score,
  matches: selected.matches,
  update: selected.update,
  summary: selected.summary ? toFeedSummary(selected.summary) : null,
  updated: itemUpdated(selected),
  ...(feedbackUrl ? { feedback: feedbackLinks(feedbackUrl, selected.paper.id) } : {}),
});

function noticesFor(selection: Selection): { notices: string[]; summariesPending: number } {
  const shown = selection.items.length;
  const summariesPending = selection.summariesOff ? 0 : selection.items.filter((i) => !i.summary).length;
  const leftOut = leftOutNotice(selection.leftOut, selection.profile.min_score, shown);
  const notices = [
    ...selection.notIngested.map(notIngestedNotice),
    // The store's own words for what its read left out (days over its budget).
    ...(selection.windowNotices ?? []),
    ...(leftOut ? [leftOut] : []),
    ...(summariesPending ? [pendingSummariesNotice(summariesPending, shown)] : []),
  ];
  return { notices, summariesPending };
}

const isDigest = (selection: Selection | DigestSelection): selection is DigestSelection => 'periods' in selection;

/** A plain selection's document, or a digest's: the same papers as `items`, plus one entry per period. */
export function toFeedDocument(selection: Selection | DigestSelection, urls: FeedUrls): FeedDocument {
  const { profile, days, summariesOff } = selection;
  const digest = isDigest(selection) ? selection : null;
  const counted = noticesFor(selection);
  const notices = digest ? [...counted.notices, ...digestNotices(digest)] : counted.notices;
  const { summariesPending } = counted;
  const items = selection.items.map((item) => toFeedItem(item, urls.feedbackUrl));
  const storedShown = selection.items.filter((i) => i.summary).length;
  const description = describeFeed(profile, days, notices, summariesOff, storedShown);
  return cleanFeedDocument({
    title: digest ? `${titleFor(profile)} · ${digest.digest} digest` : titleFor(profile),
    description: digest ? `${digestSentence(digest)} ${description}` : description,
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
    leftOut: { belowMinScore: selection.leftOut.belowMinScore, pastLimit: selection.leftOut.pastLimit },
    summariesPending,
    items,
    ...(digest ? { digest: toDigestView(digest, urls.homeUrl, items) } : {}),
  });
}
