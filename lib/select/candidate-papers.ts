/**
 * The papers of a window a profile can show, before ranking: its categories and announce types,
 * one entry per paper (a paper sits in every bucket it is listed in, and may be re-announced).
 * An entry carries the newest version the window holds: a paper announced `new` on Monday and
 * replaced on Wednesday stays Monday's item (the types filter judges that announcement) but shows
 * Wednesday's title, abstract and links, so no reader is served an abstract arXiv has replaced.
 */
import { ANNOUNCE_TYPES, type Day, type Paper } from '../model/paper';
import type { Profile } from '../model/profile';
import type { WindowRead } from '../store/store';
import { paperMatchesRequest } from './category-sources';

const TYPE_RANK = new Map(ANNOUNCE_TYPES.map((t, i) => [t, i]));

/** A shown paper with the newest version's content, and the announcement that brought that version. */
export type Candidate = {
  paper: Paper;
  /** Set when a later announcement replaced the version this item was announced with. */
  update: { version: number; announced: Day } | null;
};

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

/** The highest version of each paper among the entries (whatever its announce type). */
export function newestVersions(entries: Paper[]): Map<string, Paper> {
  const newest = new Map<string, Paper>();
  for (const p of entries) {
    const seen = newest.get(p.id);
    if (!seen || p.version > seen.version) newest.set(p.id, p);
  }
  return newest;
}

/** The shown announcement with the newest version's content (title, abstract, authors, links, metadata). */
export function withNewestVersion(shown: Paper, newest: Paper | undefined): Candidate {
  if (!newest || newest.version <= shown.version) return { paper: shown, update: null };
  const { id, announceType, announced, firstAnnounced } = shown;
  return { paper: { ...newest, id, announceType, announced, firstAnnounced }, update: { version: newest.version, announced: newest.announced } };
}

/** Papers of the window that the profile's categories and announce types ask for, each at its newest version. */
export function candidatePapers(window: Pick<WindowRead, 'entries'>, profile: Pick<Profile, 'types' | 'categories'>): Candidate[] {
  const types = new Set<string>(profile.types);
  const newest = newestVersions(window.entries);
  const shown = dedupePapers(window.entries.filter((p) => types.has(p.announceType) && paperMatchesRequest(p, profile.categories)));
  return shown.map((p) => withNewestVersion(p, newest.get(p.id)));
}
