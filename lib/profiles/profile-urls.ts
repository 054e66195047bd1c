/**
 * The absolute URLs a saved profile is used through, on the origin `requestOrigin` gives. Built on
 * the preview's `feedLinks` so the builder page and the API hand out the very same URLs.
 */
import type { FeedFormat } from '../feed/feed-format';
import { feedLinks } from '../feed/feed-links';

export type ProfileUrls = Record<FeedFormat, string> & { opml: string; edit: string };

/** `/api/feed/<token>?format=rss|atom|json`, `/api/opml?token=<token>`, edit = `/?profile=<token>`. */
export function profileUrls(origin: string, token: string): ProfileUrls {
  const { rss, atom, json, opml, page } = feedLinks(origin, { token });
  return { rss, atom, json, opml, edit: page };
}
