/**
 * The day archive's one data call, memoized per request so `generateMetadata` and the page body
 * share one store read; links are on the feeds' origin (`requestOrigin`), as on `/`.
 */
import { headers } from 'next/headers';
import { cache } from 'react';
import { getEnv } from '../../../lib/env';
import { requestOrigin } from '../../../lib/feed/request-origin';
import { loadDayArchive } from '../../../lib/preview/day-archive';
import type { Day } from '../../../lib/model/paper';
import { getStore } from '../../../lib/store/open-store';

/** A page has no request URL; `next start`'s own origin stands in when no header names a host. */
const pageOrigin = async () => requestOrigin({ url: 'http://localhost:3000/', headers: await headers() }, getEnv());

/** Keyed by day and query string (React's cache compares arguments by identity). */
export const getDayArchive = cache(async (day: Day, query: string) => {
  const [store, origin] = await Promise.all([getStore(), pageOrigin()]);
  return loadDayArchive({ store, query: new URLSearchParams(query), origin, now: new Date(), env: getEnv(), day });
});
