/**
 * The papers of a window a profile can show, before ranking: its categories and announce types,
 * one entry per paper (a paper sits in every bucket it is listed in, and may be re-announced).
 */
import { ANNOUNCE_TYPES, type Paper } from '../model/paper';
import type { Profile } from '../model/profile';
import type { WindowRead } from '../store/store';
import { paperMatchesRequest } from './category-sources';

const TYPE_RANK = new Map(ANNOUNCE_TYPES.map((t, i) => [t, i]));

/** One entry per paper: the newest announcement; on the same day a `new` beats a `cross`. */
export function dedupePapers(entries: Paper[]): Paper[] {
  const best = new Map<string, Paper>();
  for (const p of entries) {
    const seen = best.get(p.id);
    const better =
      !seen ||
      p.announced > seen.announced ||
      (p.announced === seen.announced && TYPE_RANK.get(p.announceType)! < TYPE_RANK.get(seen.announceType)!);
    if (better) best.set(p.id, p);
  }
  return [...best.values()];
}

/** Papers of the window that the profile's categories and announce types ask for. */
export function candidatePapers(window: Pick<WindowRead, 'entries'>, profile: Pick<Profile, 'types' | 'categories'>): Paper[] {
  const types = new Set<string>(profile.types);
  return dedupePapers(
    window.entries.filter((p) => types.has(p.announceType) && paperMatchesRequest(p, profile.categories)),
  );
}
