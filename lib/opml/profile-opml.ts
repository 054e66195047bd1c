/**
 * The OPML document for one reader's selection: a saved profile (token URLs, so later edits of the
 * profile reach the reader) or a stateless query (`/api/feed?…` URLs).
 */
import { titleFor } from '../feed/describe-feed';
import { FEED_FORMATS, type FeedFormat } from '../feed/feed-format';
import type { Profile } from '../model/profile';
import { feedLinks, profileToQuery } from '../feed/feed-links';
import type { OpmlDocument, OpmlOutline } from './build-opml';

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** `url` with `cats` set to one category (the token feed narrows to it; the query feed asks for it). */
function narrowed(url: string, category: string): string {
  const u = new URL(url);
  u.searchParams.set('cats', category);
  return u.href;
}

export function profileOpml(options: { origin: string; profile: Profile; token?: string; now: Date }): OpmlDocument {
  const { origin, profile, token, now } = options;
  const links = feedLinks(origin, token ? { token } : { profile });
  const title = titleFor(profile);
  const byFormat: OpmlOutline[] = FEED_FORMATS.map((f) => ({ title: `${title} (${FORMAT_NAMES[f]})`, xmlUrl: links[f], htmlUrl: links.page }));
  const byCategory: OpmlOutline[] =
    profile.categories.length < 2
      ? []
      : profile.categories.map((category) => {
          const one = { ...profile, categories: [category] };
          const home = new URL('/', origin);
          home.search = profileToQuery(one).toString();
          return { title: `${titleFor(one)} (RSS)`, xmlUrl: narrowed(links.rss, category), htmlUrl: home.href };
        });
  return { title, dateCreated: now, outlines: [...byFormat, ...byCategory] };
}
