/**
 * The page's one data call, memoized per request so `generateMetadata` (autodiscovery links) and
 * the page body share one store read. The public origin is PUBLIC_BASE_URL, else the request's host.
 */
import { headers } from 'next/headers';
import { cache } from 'react';
import { getEnv } from '../../lib/env';
import { loadPreview } from '../../lib/preview/load-preview';
import { getStore } from '../../lib/store/open-store';

export type SearchParams = Record<string, string | string[] | undefined>;

export function toQuery(params: SearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, item);
  return q;
}

async function requestOrigin(): Promise<string> {
  const configured = getEnv().PUBLIC_BASE_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return 'http://localhost:3000';
  }
}

/** Keyed by the query string (React's cache compares arguments by identity). */
export const getPreview = cache(async (query: string) => {
  const [store, origin] = await Promise.all([getStore(), requestOrigin()]);
  return loadPreview({ store, query: new URLSearchParams(query), origin, now: new Date() });
});
