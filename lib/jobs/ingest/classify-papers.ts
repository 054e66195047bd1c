/**
 * Compares a day's papers with the stored paper versions (id without version → newest version and
 * first announcement day): a paper is new when unknown, updated when its version is higher than
 * the one stored, unchanged otherwise. A replacement keeps the first announcement day it had.
 */
import type { Day, Paper } from '../../model/paper';
import type { PaperVersionRecord } from '../../store/store';

export type Classification = {
  /** First announcement day to put on each paper of the day, by id. */
  firstAnnounced: Map<string, Day>;
  /** Version records to write (new and updated papers only). */
  updates: Map<string, PaperVersionRecord>;
  counts: { new: number; updated: number; unchanged: number };
};

export function classifyPapers(papers: Paper[], stored: Map<string, PaperVersionRecord>, day: Day): Classification {
  const newest = new Map<string, Paper>();
  for (const p of papers) if ((newest.get(p.id)?.version ?? 0) < p.version) newest.set(p.id, p);
  const result: Classification = { firstAnnounced: new Map(), updates: new Map(), counts: { new: 0, updated: 0, unchanged: 0 } };
  for (const [id, paper] of newest) {
    const known = stored.get(id);
    const first = known?.firstAnnounced ?? day;
    result.firstAnnounced.set(id, first);
    if (!known) result.counts.new++;
    else if (paper.version > known.version) result.counts.updated++;
    else {
      result.counts.unchanged++;
      continue;
    }
    result.updates.set(id, { version: paper.version, firstAnnounced: first });
  }
  return result;
}

/** The papers of each bucket with the first announcement day from the stored versions. */
export function withFirstAnnounced(bySource: Record<string, Paper[]>, firstAnnounced: Map<string, Day>): Record<string, Paper[]> {
  return Object.fromEntries(
    Object.entries(bySource).map(([s, papers]) => [s, papers.map((p) => ({ ...p, firstAnnounced: firstAnnounced.get(p.id) ?? p.firstAnnounced }))]),
  );
}
