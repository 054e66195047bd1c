/**
 * One call from a profile to a feed response, for `/api/feed` and `/api/feed/<token>`:
 * select (≤ 2 store round trips), render, validators and 304.
 */
import { getEnv, type Env } from '../env';
import type { Profile } from '../model/profile';
import type { FeedFormat } from './feed-format';
import { feedResponse } from './feed-response';
import { selectFeed, type SelectFeedOptions } from './select-feed';

export type ServeFeedOptions = {
  store: Parameters<typeof selectFeed>[0];
  profile: Profile;
  format: FeedFormat;
  request: Request;
  now?: Date;
  env?: Env;
  /** Override the human page link (default: `/` with the same query, minus `format`). */
  homeUrl?: string;
  registerMissing?: SelectFeedOptions['registerMissing'];
};

/** Self and home links on the public origin (PUBLIC_BASE_URL when set, else the request's own). */
export function feedLinks(request: Request, env: Env): { selfUrl: string; homeUrl: string } {
  const url = new URL(request.url);
  const origin = env.PUBLIC_BASE_URL ?? url.origin;
  const self = new URL(url.pathname + url.search, origin);
  const home = new URL('/', origin);
  for (const [k, v] of url.searchParams) if (k !== 'format') home.searchParams.append(k, v);
  return { selfUrl: self.href, homeUrl: home.href };
}

export async function serveFeed(options: ServeFeedOptions): Promise<Response> {
  const env = options.env ?? getEnv();
  const links = feedLinks(options.request, env);
  const doc = await selectFeed(options.store, options.profile, {
    env,
    now: options.now,
    selfUrl: links.selfUrl,
    homeUrl: options.homeUrl ?? links.homeUrl,
    registerMissing: options.registerMissing,
  });
  return feedResponse(options.request, doc, options.format);
}
