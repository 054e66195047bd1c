/**
 * Which requested categories no stored source serves yet, and the registration that makes the
 * next ingest fetch them, or why it may not: past the MAX_REQUESTED_CATEGORIES most recently
 * requested, the on-demand fetch leaves a category out (lib/jobs/ingest/ingest-requested.ts).
 */
import type { Env } from '../env';
import type { Profile } from '../model/profile';
import { capRequested, requestedSince } from '../store/requested-categories';
import type { Store } from '../store/store';
import { isServed } from './category-sources';

export type NotIngested = {
  category: string;
  /** True when ARXIV_CATEGORIES covers it (only the first ingest is missing), false when it was registered on request. */
  configured: boolean;
  /** Registered, but past the MAX_REQUESTED_CATEGORIES most recently requested: not fetched on demand. */
  overCap?: true;
};

/** Of `uncovered` (registered, not configured), those the on-demand fetch leaves out; no read when none is asked. */
async function overCapOf(store: Pick<Store, 'requestedCategories'>, uncovered: string[], configured: Set<string>, now: Date): Promise<Set<string>> {
  if (!uncovered.length) return new Set();
  const { overCap } = capRequested(await store.requestedCategories(requestedSince(now)), (c) => configured.has(c));
  return new Set(uncovered.filter((c) => overCap.includes(c)));
}

/**
 * Categories requested but served by no stored source (`stored`: the sources stored, or at least
 * those that could serve the request). Every category ARXIV_CATEGORIES does not
 * cover is (re-)registered with the request time: the ingest keeps fetching a requested category
 * while feeds or pages still ask for it (lib/jobs/ingest/choose-sources.ts).
 */
export async function findNotIngested(
  store: Pick<Store, 'requestCategories' | 'requestedCategories'>,
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
  const overCap = await overCapOf(store, missing.filter((c) => uncovered.includes(c)), configured, now);
  return missing.map((c) => ({ category: c, configured: !uncovered.includes(c), ...(overCap.has(c) && { overCap: true as const }) }));
}
