/**
 * Everything the preview page shows, from the same lib functions as the feeds: the query parsed
 * by `parseFeedQuery` (the builder's fields are `/api/feed`'s parameters), the selection from
 * `selectPapers` shaped by `toFeedDocument`, plus the run statuses and the store's manifest for
 * the statistics.
 * No Next.js here: the page passes the query, its public origin and the clock.
 */
import type { Env } from '../env';
import { InputError } from '../errors';
import { getDefaultProfile } from '../select/default-profile';
import type { FeedDocument } from '../feed/feed-document';
import { FEED_QUERY_PARAMS, parseFeedQuery } from '../feed/feed-query';
import { toFeedDocument } from '../feed/to-feed-document';
import { selectPapers } from '../select/select-papers';
import { storedSources } from '../select/category-sources';
import type { Profile } from '../model/profile';
import { INGEST_STATUS_KIND, SUMMARIZE_STATUS_KIND } from '../store/keys';
import type { RunStatus, Store } from '../store/store';
import { feedLinks, type FeedLinks } from '../feed/feed-links';
import { pageNotices, type PageNotice } from './page-notices';
import { readSavedProfile } from './saved-profile';

export type PreviewStats = {
  /** When the store last changed (ISO), or null when nothing is stored. */
  lastUpdated: string | null;
  papersShown: number;
  /** Stored entries of the shown days in the selected categories (before keyword filtering). */
  papersInWindow: number;
  /** Categories/archives the store holds announcements for. */
  categoriesMonitored: string[];
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
  notices: PageNotice[];
};

type PreviewStore = Pick<Store, 'readWindow' | 'readManifest' | 'requestCategory' | 'getStatus' | 'getProfile'>;

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
    return { profile, token: saved ? token : null, unknownToken: Boolean(token && !saved), inputError: null };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { profile: base, token: saved ? token : null, unknownToken: Boolean(token && !saved), inputError: err };
  }
}

export async function loadPreview(options: LoadPreviewOptions): Promise<PreviewModel> {
  const { store, now, origin, env } = options;
  const resolved = await resolveProfile(store, options.query, env);
  const { profile, token } = resolved;
  // The saved feed's URLs only while the builder shows exactly the saved profile.
  const linksAreSecret = Boolean(token) && !hasBuilderParams(options.query);
  const links = feedLinks(origin, linksAreSecret && token ? { token } : { profile });
  const [selection, manifest, ingest, summarize] = await Promise.all([
    selectPapers(store, profile, { env, now }),
    store.readManifest(),
    store.getStatus(INGEST_STATUS_KIND),
    store.getStatus(SUMMARIZE_STATUS_KIND),
  ]);
  const doc = toFeedDocument(selection, { selfUrl: links.rss, homeUrl: links.page });
  const storeEmpty = Object.keys(manifest.days).length === 0;
  const stats: PreviewStats = {
    lastUpdated: storeEmpty ? null : manifest.updatedAt,
    papersShown: doc.items.length,
    papersInWindow: countInWindow(manifest, doc),
    categoriesMonitored: [...storedSources(manifest)].sort(),
  };
  const notices = pageNotices({ now, newestDay: doc.days[0] ?? null, storeEmpty, ingest, summariesOff: doc.summariesOff });
  return { ...resolved, doc, links, linksAreSecret, runs: { ingest, summarize }, stats, notices };
}

/** Bucket sizes of the shown days for the requested categories (a cross-listed paper may count twice). */
function countInWindow(manifest: Awaited<ReturnType<Store['readManifest']>>, doc: FeedDocument): number {
  return doc.days.reduce(
    (sum, day) => sum + doc.categories.reduce((s, c) => s + (manifest.days[day]?.[c]?.count ?? 0), 0),
    0,
  );
}
