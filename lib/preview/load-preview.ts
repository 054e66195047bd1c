/**
 * Everything the preview page shows, from the same lib functions as the feeds: the query parsed
 * by `parseFeedQuery` (the builder's fields are `/api/feed`'s parameters), the selection from
 * `selectPapers` shaped by `toFeedDocument`, plus the run statuses, the store's manifest for the
 * statistics and its freshness against arXiv's schedule, and the cards of the requested page.
 * No Next.js here: the page passes the query, its public origin and the clock.
 */
import type { Env } from '../env';
import { InputError } from '../errors';
import { getDefaultProfile } from '../select/default-profile';
import type { FeedDocument, FeedItem } from '../feed/feed-document';
import { FEED_QUERY_PARAMS, parseFeedQuery } from '../feed/feed-query';
import { toFeedDocument } from '../feed/to-feed-document';
import { selectPapers, type SelectStore } from '../select/select-papers';
import { hasRankingTerms } from '../select/feed-limit';
import { dataFreshness, type Freshness } from '../health/data-freshness';
import type { Profile } from '../model/profile';
import { INGEST_STATUS_KIND, SUMMARIZE_STATUS_KIND } from '../store/keys';
import type { RunStatus, Store } from '../store/store';
import { feedLinks, type FeedLinks } from '../feed/feed-links';
import { loadPreviewLearned, withSavedFeedback, type FeedbackPanel } from './feedback-panel';
import { pageNotices, type PageNotice } from './page-notices';
import { paginate, type Pagination } from './paginate';
import { readSavedProfile } from './saved-profile';

export type PreviewStats = {
  /** When the store last changed (ISO), or null when nothing is stored. */
  lastUpdated: string | null;
  /** Papers the selection carries (what its feed carries). */
  papersShown: number;
  /** Papers of the shown days the selection matched, before min_score and the limit left some out. */
  papersMatched: number;
};

export type PreviewModel = {
  profile: Profile;
  /** The saved profile being edited (`/?profile=<token>`), or null. */
  token: string | null;
  /** True when `?profile=` named a profile that does not exist (deleted or mistyped). */
  unknownToken: boolean;
  /** A query the user typed that could not be used (the default profile is shown instead). */
  inputError: InputError | null;
  doc: FeedDocument;
  links: FeedLinks;
  /** True when `links` are the saved profile's secret URLs (not a stateless query). */
  linksAreSecret: boolean;
  runs: { ingest: RunStatus | null; summarize: RunStatus | null };
  stats: PreviewStats;
  /** The stored data against arXiv's schedule (the same judgement /api/health makes). */
  freshness: Freshness;
  /** True when the selection ranks papers (keywords or authors); otherwise scores mean nothing. */
  ranked: boolean;
  /** This page's cards of `doc.items` (`?page=`). */
  cards: Pagination<FeedItem>;
  notices: PageNotice[];
  /** A saved profile's likes and dislikes, for its panel and the cards' buttons (null without a saved profile). */
  feedback: FeedbackPanel | null;
};

/** What selecting the papers reads, plus the manifest, the run statuses and saved profiles. */
type PreviewStore = SelectStore & Pick<Store, 'readManifest' | 'getStatus' | 'getProfile' | 'getProfileModel' | 'getProfileEmbedding'>;

export type LoadPreviewOptions = { store: PreviewStore; query: URLSearchParams; origin: string; now: Date; env: Env };

const hasBuilderParams = (q: URLSearchParams) => FEED_QUERY_PARAMS.some((p) => p !== 'format' && q.getAll(p).some((v) => v.trim()));

/** Base profile (saved or default), then the builder's parameters on top. */
async function resolveProfile(store: PreviewStore, query: URLSearchParams, env: Env) {
  const token = query.get('profile')?.trim() || null;
  const saved = token ? await readSavedProfile(store, token) : null;
  const base = saved ?? getDefaultProfile(env);
  const url = new URL('http://preview.invalid/');
  for (const name of FEED_QUERY_PARAMS) for (const v of query.getAll(name)) if (name !== 'format') url.searchParams.append(name, v);
  try {
    const profile = hasBuilderParams(query) ? parseFeedQuery(url, base).profile : base;
    return { profile, saved, token: saved ? token : null, unknownToken: Boolean(token && !saved), inputError: null };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { profile: base, saved, token: saved ? token : null, unknownToken: Boolean(token && !saved), inputError: err };
  }
}

export async function loadPreview(options: LoadPreviewOptions): Promise<PreviewModel> {
  const { store, now, origin, env } = options;
  const { saved, ...resolved } = await resolveProfile(store, options.query, env);
  const { profile, token } = resolved;
  // Ranked like the saved feed: its learned model, whatever the builder shows on top.
  const { learned, panel } = await loadPreviewLearned(store, token, saved, env);
  const rankedProfile = withSavedFeedback(profile, saved);
  // The saved feed's URLs only while the builder shows exactly the saved profile.
  const linksAreSecret = Boolean(token) && !hasBuilderParams(options.query);
  const links = feedLinks(origin, linksAreSecret && token ? { token } : { profile });
  const [selection, manifest, ingest, summarize] = await Promise.all([
    selectPapers(store, rankedProfile, { env, now, learned }),
    store.readManifest(),
    store.getStatus(INGEST_STATUS_KIND),
    store.getStatus(SUMMARIZE_STATUS_KIND),
  ]);
  const doc = toFeedDocument(selection, { selfUrl: links.rss, homeUrl: links.page });
  const storedDays = Object.keys(manifest.days).sort();
  const storeEmpty = storedDays.length === 0;
  const stats: PreviewStats = {
    lastUpdated: storeEmpty ? null : manifest.updatedAt,
    papersShown: doc.items.length,
    papersMatched: doc.items.length + doc.leftOut.belowMinScore + doc.leftOut.pastLimit,
  };
  const freshness = dataFreshness(storedDays.at(-1) ?? null, now, ingest);
  const notices = pageNotices({
    now,
    newestDay: doc.days[0] ?? null,
    storeEmpty,
    ingest,
    freshness,
    summariesOff: doc.summariesOff,
    storedSummaries: doc.items.filter((i) => i.summary).length,
    papersShown: doc.items.length,
  });
  const cards = paginate(doc.items, options.query);
  const ranked = hasRankingTerms(rankedProfile);
  return { ...resolved, doc, links, linksAreSecret, runs: { ingest, summarize }, stats, freshness, ranked, cards, notices, feedback: panel };
}
