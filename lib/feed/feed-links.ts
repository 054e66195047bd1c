/**
 * The URLs the builder shows for the selection on screen: one per feed format, OPML, and the page
 * itself. A stateless selection becomes `/api/feed?…` query parameters (the same names the
 * builder form uses); a saved profile becomes `/api/feed/<token>`. URLs are built with `URL`, never
 * by concatenating user text.
 */
import { FEED_FORMATS, type FeedFormat } from './feed-format';
import type { Profile } from '../model/profile';

export type FeedLinks = Record<FeedFormat, string> & {
  opml: string;
  /** The preview page for the same selection (shareable). */
  page: string;
};

/**
 * Profile defaults that need not be spelled in a URL (ProfileSchema's, which apply once `cats` is
 * given). Not `limit`: unset, it depends on whether the feed ranks, so a set one is always spelled.
 */
const SCHEMA_DEFAULTS = { min_score: 0, days: 1, types: 'new,cross' } as const;

/** A profile as `/api/feed` query parameters; parsing them back with `parseFeedQuery` gives the same profile. */
export function profileToQuery(profile: Profile): URLSearchParams {
  const q = new URLSearchParams();
  q.set('cats', profile.categories.join(','));
  if (profile.keywords.length) q.set('q', profile.keywords.join(', '));
  if (profile.exclude.length) q.set('exclude', profile.exclude.join(', '));
  if (profile.authors.length) q.set('authors', profile.authors.join(', '));
  if (profile.min_score !== SCHEMA_DEFAULTS.min_score) q.set('min_score', String(profile.min_score));
  if (profile.types.join(',') !== SCHEMA_DEFAULTS.types) q.set('types', profile.types.join(','));
  if (profile.days !== SCHEMA_DEFAULTS.days) q.set('days', String(profile.days));
  if (profile.limit !== undefined) q.set('limit', String(profile.limit));
  if (profile.language) q.set('language', profile.language);
  if (profile.digest) q.set('digest', profile.digest);
  return q;
}

export type FeedSource = { token: string } | { profile: Profile };

function withQuery(origin: string, pathname: string, query: URLSearchParams): string {
  const url = new URL(pathname, origin);
  url.search = query.toString();
  return url.href;
}

export function feedLinks(origin: string, source: FeedSource): FeedLinks {
  const isSaved = 'token' in source;
  const base = isSaved ? new URLSearchParams() : profileToQuery(source.profile);
  const feedPath = isSaved ? `/api/feed/${encodeURIComponent(source.token)}` : '/api/feed';
  const formatUrl = (format: FeedFormat) => {
    const q = new URLSearchParams(base);
    q.set('format', format);
    return withQuery(origin, feedPath, q);
  };
  const formats = Object.fromEntries(FEED_FORMATS.map((f) => [f, formatUrl(f)])) as Record<FeedFormat, string>;
  const opml = withQuery(origin, '/api/opml', isSaved ? new URLSearchParams({ token: source.token }) : base);
  const page = withQuery(origin, '/', isSaved ? new URLSearchParams({ profile: source.token }) : base);
  return { ...formats, opml, page };
}

/** Media types for `<link rel="alternate">` autodiscovery. */
export const ALTERNATE_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};
