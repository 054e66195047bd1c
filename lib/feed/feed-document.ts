/**
 * The format-neutral feed: what a reader's selection is, before any serialization. The feed
 * route renders it as RSS/Atom/JSON Feed; the web preview renders the same document as HTML.
 * All text in a document returned by `toFeedDocument` has already been through `stripXmlIllegal`.
 */
import type { Day, Paper } from '../model/paper';
import type { Match } from '../score/rank-papers';

export type FeedSummary = {
  /** Sanitized HTML from `summaryToHtml` (safe to embed). */
  html: string;
  text: string;
  /** One or two sentences (JSON Feed `summary`). */
  tldr: string;
  model: string;
  language: string;
  createdAt: string;
};

export type FeedItem = {
  paper: Paper;
  score: number;
  matches: Match[];
  summary: FeedSummary | null;
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
  items: FeedItem[];
};
