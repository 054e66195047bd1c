/**
 * The format-neutral feed: what a reader's selection is, before any serialization. The feed
 * route renders it as RSS/Atom/JSON Feed; the web preview renders the same document as HTML.
 * All text in a document returned by `toFeedDocument` is display text: TeX turned into what it
 * typesets (math kept), author affiliations off the names, and `stripXmlIllegal` applied.
 */
import type { Day, Paper } from '../model/paper';
import type { Match } from '../score/rank-papers';
import type { LeftOut } from '../select/select-papers';
import type { SummarySource } from '../model/summary';
import type { DigestView } from './digest-document';
import type { FeedbackLinks } from './feedback-links';

export type FeedSummary = {
  /** Sanitized HTML from `summaryToHtml` (safe to embed). */
  html: string;
  text: string;
  /** One or two sentences (JSON Feed `summary`). */
  tldr: string;
  model: string;
  language: string;
  createdAt: string;
  /** What the model read. */
  source: SummarySource;
  /** `AI summary (<model>, from the abstract)`: shown above the summary in every format. */
  label: string;
};

export type FeedItem = {
  /** The newest version the window holds, under the announcement the item is for. */
  paper: Paper;
  score: number;
  matches: Match[];
  /** Set when `paper` is a later version than the one this item was announced with. */
  update: { version: number; announced: Day } | null;
  summary: FeedSummary | null;
  /** ISO time the item last changed: its newest announcement or its summary, whichever is later. */
  updated: string;
  /** A saved profile's "More like this" / "Less like this" links for this paper. */
  feedback?: FeedbackLinks;
};

export type FeedDocument = {
  title: string;
  /** Plain text: what the feed selects, followed by the notices and the summaries-off note. */
  description: string;
  /** Absolute URL of this feed (RSS atom:link self, Atom self link, JSON `feed_url`). */
  selfUrl: string;
  /** Absolute URL of the human page showing the same selection. */
  homeUrl: string;
  /** ISO time the content last changed (newest store commit or summary). */
  updated: string;
  language: string;
  categories: string[];
  keywords: string[];
  /** Announcement days read, newest first. */
  days: Day[];
  /** Requested categories with nothing stored yet (registered for the next ingest). */
  notIngested: string[];
  /** Plain-ASCII sentences for the reader (also sent in the `X-Feed-Notice` header). */
  notices: string[];
  /** True when no LLM key is configured: said once at feed level, never per item. */
  summariesOff: boolean;
  /** What min_score and the limit kept out (also said in `notices`). */
  leftOut: Pick<LeftOut, 'belowMinScore' | 'pastLimit'>;
  /** Items still without a summary while summaries are on (0 when they are off). */
  summariesPending: number;
  items: FeedItem[];
  /** Set on a digest feed (`digest=daily|weekly`): its entries, each a range of `items`. */
  digest?: DigestView;
};
