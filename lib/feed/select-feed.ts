/**
 * The selection step shared by the feed routes and the web preview: one window read from the
 * store (≤ 2 round trips), category/type filtering, one item per paper, ranking, summaries.
 * Returns a format-neutral, already-cleaned FeedDocument.
 */
import { getEnv, type Env } from '../env';
import { ANNOUNCE_TYPES, type Paper } from '../model/paper';
import type { Profile } from '../model/profile';
import { rankPapers } from '../score/rank-papers';
import { summaryRef, type Manifest, type Store, type WindowRead } from '../store/store';
import { summaryToHtml, summaryToText, summaryToTldr } from './render-summary';
import { summaryScope } from '../summarize/summary-scope';
import { isServed, paperMatchesRequest, sourcesFor, storedSources } from '../select/category-sources';
import { cleanFeedDocument } from './clean-document';
import type { FeedDocument, FeedItem } from './feed-document';
import { describeFeed, notIngestedNotice, titleFor } from './describe-feed';

export type SelectFeedOptions = {
  /** Clock for an empty store's `updated` (tests pass a fixed one). */
  now?: Date;
  env?: Env;
  /** Absolute URL of the feed itself; defaults to PUBLIC_BASE_URL (or localhost) + /api/feed. */
  selfUrl?: string;
  /** Absolute URL of the human page for this selection; defaults to the origin's `/`. */
  homeUrl?: string;
  /** Register requested-but-not-ingested categories for the next ingest (default true). */
  registerMissing?: boolean;
  /** A manifest the caller already read (serveFeed's version check), saving a round trip. */
  manifest?: Manifest;
};

type SelectStore = Pick<Store, 'readWindow' | 'requestCategory'>;

const TYPE_RANK = new Map(ANNOUNCE_TYPES.map((t, i) => [t, i]));

/** One entry per paper: the newest announcement; on the same day a `new` beats a `cross`. */
export function dedupePapers(entries: Paper[]): Paper[] {
  const best = new Map<string, Paper>();
  for (const p of entries) {
    const seen = best.get(p.id);
    const better =
      !seen ||
      p.announced > seen.announced ||
      (p.announced === seen.announced && TYPE_RANK.get(p.announceType)! < TYPE_RANK.get(seen.announceType)!);
    if (better) best.set(p.id, p);
  }
  return [...best.values()];
}

/** Papers of the window that the profile's categories and announce types ask for. */
export function candidatePapers(window: WindowRead, profile: Profile): Paper[] {
  const types = new Set<string>(profile.types);
  return dedupePapers(
    window.entries.filter((p) => types.has(p.announceType) && paperMatchesRequest(p, profile.categories)),
  );
}

function attachSummaries(window: WindowRead, ranked: ReturnType<typeof rankPapers>): FeedItem[] {
  return ranked.map(({ paper, score, matches }) => {
    const stored = window.summaries.get(summaryRef(paper.id, paper.version));
    const summary = stored
      ? { html: summaryToHtml(stored), text: summaryToText(stored), tldr: summaryToTldr(stored), model: stored.model, language: stored.language, createdAt: stored.createdAt }
      : null;
    return { paper, score, matches, summary };
  });
}

/** Newest of the store commit and the items' summaries, so a new summary moves Last-Modified. */
function lastChange(window: WindowRead, items: FeedItem[], now: Date): string {
  if (window.manifest.revision === 0) return now.toISOString();
  const times = [window.manifest.updatedAt, ...items.flatMap((i) => (i.summary ? [i.summary.createdAt] : []))];
  const newest = Math.max(...times.map((t) => Date.parse(t)).filter(Number.isFinite));
  return new Date(newest).toISOString();
}

/**
 * Categories requested but served by no stored source. Every category ARXIV_CATEGORIES does not
 * cover is (re-)registered with the request time: the ingest keeps fetching a requested category
 * while feeds or pages still ask for it (lib/ingest/choose-sources.ts).
 */
async function findNotIngested(store: SelectStore, window: WindowRead, profile: Profile, env: Env, register: boolean, now: Date) {
  const stored = storedSources(window.manifest);
  const configured = new Set(env.ARXIV_CATEGORIES);
  const uncovered = profile.categories.filter((c) => !isServed(c, configured));
  if (register) await Promise.all(uncovered.map((c) => store.requestCategory(c, now)));
  const missing = profile.categories.filter((c) => !isServed(c, stored));
  return missing.map((c) => ({ category: c, configured: !uncovered.includes(c) }));
}

export async function selectFeed(store: SelectStore, profile: Profile, options: SelectFeedOptions = {}): Promise<FeedDocument> {
  const env = options.env ?? getEnv();
  const now = options.now ?? new Date();
  const scope = summaryScope(profile.language ?? env.SUMMARY_LANGUAGE, env.SUMMARY_MODEL);
  const window = await store.readWindow({ sources: sourcesFor(profile.categories), days: profile.days, summaryScope: scope, manifest: options.manifest });
  const missing = await findNotIngested(store, window, profile, env, options.registerMissing ?? true, now);

  const ranked = rankPapers(candidatePapers(window, profile), profile);
  const items = attachSummaries(window, ranked);
  const origin = env.PUBLIC_BASE_URL ?? 'http://localhost:3000';
  const notices = missing.map(notIngestedNotice);
  const summariesOff = !env.OPENAI_API_KEY;

  return cleanFeedDocument({
    title: titleFor(profile),
    description: describeFeed(profile, window.days, notices, summariesOff),
    selfUrl: options.selfUrl ?? new URL('/api/feed', origin).href,
    homeUrl: options.homeUrl ?? new URL('/', origin).href,
    updated: lastChange(window, items, now),
    // Titles and abstracts on arXiv are English whatever the summary language.
    language: 'en',
    categories: profile.categories,
    keywords: profile.keywords,
    days: window.days,
    notIngested: missing.map((m) => m.category),
    notices,
    summariesOff,
    items,
  });
}
