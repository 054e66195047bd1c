/**
 * One call from a profile to a feed response, for `/api/feed` and `/api/feed/<token>`: one round
 * trip for the store's versions; a warm feed built from those versions is answered from the process
 * cache; otherwise select (one more round trip), render, cache. Validators and 304 either way.
 */
import type { Profile } from '../model/profile';
import type { Store } from '../store/store';
import { FeedCache, versionsTag } from './feed-cache';
import type { FeedFormat } from './feed-format';
import { cachedFeedResponse, renderCachedFeed } from './feed-response';
import { requestOrigin, type OriginEnv } from './request-origin';
import { selectFeed, type SelectFeedOptions } from './select-feed';
import type { FeedUrls } from './to-feed-document';

export type ServeFeedOptions = {
  store: Parameters<typeof selectFeed>[0] & Pick<Store, 'readVersions'>;
  profile: Profile;
  format: FeedFormat;
  request: Request;
  now?: Date;
  env: SelectFeedOptions['env'] & OriginEnv;
  /** Override the human page link (default: `/` with the same query, minus `format`). */
  homeUrl?: string;
  registerMissing?: SelectFeedOptions['registerMissing'];
  /** Rendered-feed cache; by default one per store instance, for the life of the process. */
  cache?: FeedCache;
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
  const { env } = options;
  const urls = requestFeedUrls(options.request, env);
  const homeUrl = options.homeUrl ?? urls.homeUrl;
  const cache = options.cache ?? cacheFor(options.store);
  const versions = await options.store.readVersions();
  const tag = versionsTag(versions);
  // Everything the document depends on besides the store's versions (env is fixed per process).
  const key = JSON.stringify([options.format, urls.selfUrl, homeUrl, options.profile]);
  let feed = cache.get(key, tag);
  if (!feed) {
    const doc = await selectFeed(options.store, options.profile, {
      env,
      now: options.now,
      selfUrl: urls.selfUrl,
      homeUrl,
      registerMissing: options.registerMissing,
      manifest: versions.manifest,
    });
    feed = renderCachedFeed(doc, options.format, tag);
    // An empty store's document carries the request time: not worth keeping.
    if (versions.manifest.revision > 0) cache.set(key, feed);
  }
  return cachedFeedResponse(options.request, feed);
}
