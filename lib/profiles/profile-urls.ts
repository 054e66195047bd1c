/**
 * The absolute URLs a saved profile is used through, on the public origin. Built on the preview's
 * `feedLinks` so the builder page and the API hand out the very same URLs.
 */
import type { Env } from '../env';
import type { FeedFormat } from '../feed/feed-format';
import { feedLinks } from '../feed/feed-links';

export type ProfileUrls = Record<FeedFormat, string> & { opml: string; edit: string };

/** PUBLIC_BASE_URL when set (behind proxies the request's own origin may be internal), else the request's. */
export function publicOrigin(request: Request, env: Pick<Env, 'PUBLIC_BASE_URL'>): string {
  return new URL(env.PUBLIC_BASE_URL ?? request.url).origin;
}

/** `/api/feed/<token>?format=rss|atom|json`, `/api/opml?token=<token>`, edit = `/?profile=<token>`. */
export function profileUrls(origin: string, token: string): ProfileUrls {
  const { rss, atom, json, opml, page } = feedLinks(origin, { token });
  return { rss, atom, json, opml, edit: page };
}
