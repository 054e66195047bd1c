/**
 * Which requested categories no stored source serves yet, and the registration that makes the
 * next ingest fetch them.
 */
import type { Env } from '../env';
import type { Profile } from '../model/profile';
import type { Store } from '../store/store';
import { isServed } from './category-sources';

export type NotIngested = {
  category: string;
  /** True when ARXIV_CATEGORIES covers it (only the first ingest is missing), false when it was registered on request. */
  configured: boolean;
};

/**
 * Categories requested but served by no stored source (`stored`: the sources stored, or at least
 * those that could serve the request). Every category ARXIV_CATEGORIES does not
 * cover is (re-)registered with the request time: the ingest keeps fetching a requested category
 * while feeds or pages still ask for it (lib/jobs/ingest/choose-sources.ts).
 */
export async function findNotIngested(
  store: Pick<Store, 'requestCategories'>,
  stored: Set<string>,
  profile: Pick<Profile, 'categories'>,
  env: Pick<Env, 'ARXIV_CATEGORIES'>,
  register: boolean,
  now: Date,
): Promise<NotIngested[]> {
  const configured = new Set(env.ARXIV_CATEGORIES);
  const uncovered = profile.categories.filter((c) => !isServed(c, configured));
  // One command for all of them, and none for those this process registered today.
  if (register) await store.requestCategories(uncovered, now);
  const missing = profile.categories.filter((c) => !isServed(c, stored));
  return missing.map((c) => ({ category: c, configured: !uncovered.includes(c) }));
}
