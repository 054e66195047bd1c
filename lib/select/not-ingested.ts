/**
 * Which requested categories no stored source serves yet, and the registration that makes the
 * next ingest fetch them.
 */
import type { Env } from '../env';
import type { Profile } from '../model/profile';
import type { Manifest, Store } from '../store/store';
import { isServed, storedSources } from './category-sources';

export type NotIngested = {
  category: string;
  /** True when ARXIV_CATEGORIES covers it (only the first ingest is missing), false when it was registered on request. */
  configured: boolean;
};

/**
 * Categories requested but served by no stored source. Every category ARXIV_CATEGORIES does not
 * cover is (re-)registered with the request time: the ingest keeps fetching a requested category
 * while feeds or pages still ask for it (lib/jobs/ingest/choose-sources.ts).
 */
export async function findNotIngested(
  store: Pick<Store, 'requestCategory'>,
  manifest: Manifest,
  profile: Pick<Profile, 'categories'>,
  env: Pick<Env, 'ARXIV_CATEGORIES'>,
  register: boolean,
  now: Date,
): Promise<NotIngested[]> {
  const stored = storedSources(manifest);
  const configured = new Set(env.ARXIV_CATEGORIES);
  const uncovered = profile.categories.filter((c) => !isServed(c, configured));
  if (register) await Promise.all(uncovered.map((c) => store.requestCategory(c, now)));
  const missing = profile.categories.filter((c) => !isServed(c, stored));
  return missing.map((c) => ({ category: c, configured: !uncovered.includes(c) }));
}
