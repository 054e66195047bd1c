/** The feed request every serving benchmark makes: the four busy categories, 7 days, 100 items, 10 keywords. */
import { FEED_QUERY_KEYWORDS } from './data/build-profiles';
import { BUSY_SOURCES } from './data/bench-days';

export function feedPath(): string {
  const params = new URLSearchParams({ cats: BUSY_SOURCES.join(','), days: '7', limit: '100', q: FEED_QUERY_KEYWORDS.join(',') });
  return `/api/feed?${params}`;
}
