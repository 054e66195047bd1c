/**
 * The page's one data call, memoized per request so `generateMetadata` (autodiscovery links) and
 * the page body share one store read. Links are on the same origin as the feeds' (`requestOrigin`).
 */
import { headers } from 'next/headers';
import { cache } from 'react';
import { getEnv } from '../../lib/env';
import { requestOrigin } from '../../lib/feed/request-origin';
import { loadPreview } from '../../lib/preview/load-preview';
import { getStore } from '../../lib/store/open-store';

export type SearchParams = Record<string, string | string[] | undefined>;

export function toQuery(params: SearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, item);
  return q;
}

/** A page has no request URL; `next start`'s own origin stands in when no header names a host. */
const pageOrigin = async () => requestOrigin({ url: 'http://localhost:3000/', headers: await headers() }, getEnv());

/** Keyed by the query string (React's cache compares arguments by identity). */
export const getPreview = cache(async (query: string) => {
  const [store, origin] = await Promise.all([getStore(), pageOrigin()]);
  return loadPreview({ store, query: new URLSearchParams(query), origin, now: new Date(), env: getEnv() });
});
