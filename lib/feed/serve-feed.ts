/**
 * One call from a profile to a feed response, for `/api/feed` and `/api/feed/<token>`: a feed in the
 * process cache is answered after one round trip reading only the version keys it was built from
 * (a few bytes each); otherwise select (the store reads in proportion to what the feed shows),
 * render, cache with the versions the selection was read at. Validators and 304 either way.
 */
import type { Profile } from '../model/profile';
import type { ExtraScore } from '../score/rank-papers';
import { windowRequest } from '../select/select-papers';
import { wholeWindowDeps, type Store } from '../store/store';
import { FeedCache } from './feed-cache';
import type { OutputFormat } from './feed-format';
import { cachedFeedResponse, renderCachedFeed } from './feed-response';
import { requestOrigin, type OriginEnv } from './request-origin';
import { selectFeedAt, type SelectFeedOptions } from './select-feed';
import type { FeedUrls } from './to-feed-document';

export type ServeFeedOptions = {
  store: Parameters<typeof selectFeedAt>[0] & Pick<Store, 'readFeedVersions'>;
  profile: Profile;
  format: OutputFormat;
  request: Request;
  now?: Date;
  env: SelectFeedOptions['env'] & OriginEnv;
  /** Override the human page link (default: `/` with the same query, minus `format`). */
  homeUrl?: string;
  registerMissing?: SelectFeedOptions['registerMissing'];
  /** Rendered-feed cache; by default one per store instance, for the life of the process. */
  cache?: FeedCache;
  /** A saved profile's learned points, and what identifies the model they come from (part of the cache key). */
  learned?: { scorer: ExtraScore; version: string } | null;
  /** A saved profile's feedback page (absolute), linked from every item. */
  feedbackUrl?: string;
};

/** Per store instance, so two stores in one process (tests, several prefixes) never share entries. */
const cachesByStore = new WeakMap<object, FeedCache>();
function cacheFor(store: object): FeedCache {
  let cache = cachesByStore.get(store);
  if (!cache) cachesByStore.set(store, (cache = new FeedCache()));
  return cache;
}

/** Self and home links: the request's path and query on the public origin. */
export function requestFeedUrls(request: Request, env: OriginEnv): FeedUrls {
  const url = new URL(request.url);
  const origin = requestOrigin(request, env);
  const self = new URL(url.pathname + url.search, origin);
  const home = new URL('/', origin);
  for (const [k, v] of url.searchParams) if (k !== 'format') home.searchParams.append(k, v);
  return { selfUrl: self.href, homeUrl: home.href };
}

export async function serveFeed(options: ServeFeedOptions): Promise<Response> {
  const { env, store, profile } = options;
  const urls = requestFeedUrls(options.request, env);
  const homeUrl = options.homeUrl ?? urls.homeUrl;
  const cache = options.cache ?? cacheFor(store);
  // Everything the document depends on besides the store's versions (env is fixed per process).
  const key = JSON.stringify([options.format, urls.selfUrl, homeUrl, profile, options.learned?.version ?? null, options.feedbackUrl ?? null]);
  const deps = cache.depsOf(key);
  const current = deps ? await store.readFeedVersions(deps) : undefined;
  const cached = current && cache.get(key, current.tag);
  if (cached) return cachedFeedResponse(options.request, cached);
  // A digest reads its whole window at once: its versions are read first, so a change meanwhile shows as stale.
  const digestDeps = profile.digest ? wholeWindowDeps(profile.categories, windowRequest(profile, env).summaryScope) : undefined;
  const before = digestDeps ? await store.readFeedVersions(digestDeps) : undefined;
  const { doc, versions } = await selectFeedAt(store, profile, {
    env,
    now: options.now,
    selfUrl: urls.selfUrl,
    homeUrl,
    registerMissing: options.registerMissing,
    known: current?.values,
    learned: options.learned?.scorer,
    feedbackUrl: options.feedbackUrl,
  });
  // A digest of a store with nothing of its sources carries the request time: not worth keeping.
  const digestRead = digestDeps && before && { deps: digestDeps, tag: before.tag, cacheable: [...before.values.values()].some((v) => v !== null) };
  const read = versions ?? digestRead;
  const feed = renderCachedFeed(doc, options.format, read?.tag ?? '');
  if (read?.cacheable) cache.set(key, feed, read.deps);
  return cachedFeedResponse(options.request, feed);
}
