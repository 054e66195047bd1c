/**
 * What a feed miss reads, decided from the source directories alone (pure, no I/O): the newest
 * `days` announcement days on which a requested category is stored, the most specific bucket per
 * request and day (day-sources.ts), and of each bucket either its rows (an unranked feed orders by
 * date and needs no text) or its parts minus those whose papers another bucket read that day holds
 * (a ranked feed scores every candidate's text). Days that would take the read over its budget
 * are left out, newest kept, and the plan says so in words for the reader.
 */
import type { AnnounceType, Day } from '../model/paper';
import { archiveOf, sourcesForDay } from './day-sources';
import * as K from './keys';
import type { DirBucket, SourceDir } from './source-dirs';

export type PlanQuery = {
  requested: string[];
  days: number;
  /** Read every candidate's text (a ranking by keywords, authors or exclude terms). */
  withText: boolean;
  types: readonly AnnounceType[];
  /** Read this announcement day alone (the day archive shows a past day as it was then). */
  onlyDay?: Day;
  /** Papers (ranked) or rows (unranked) read at most. @default MAX_RANKED_WINDOW_PAPERS or MAX_LISTED_WINDOW_ROWS */
  maxEntries?: number;
};

export type PlannedBucket = {
  source: string;
  day: Day;
  key: string;
  bucket: DirBucket;
  /** Per part: read it (false when another bucket read that day holds all its papers). */
  readPart: boolean[];
};

export type FeedPlan = { days: Day[]; buckets: PlannedBucket[]; notice: string | null };

/**
 * Keeping only the owner's copy of a paper listed in several buckets equals filtering by type
 * first only when every type the reader takes has its better-ranked twin taken too (the owner's
 * copy is the `new`/`replace` one).
 */
export const ownerCopySuffices = (types: readonly AnnounceType[]) =>
  (!types.includes('cross') || types.includes('new')) && (!types.includes('replace-cross') || types.includes('replace'));

function planDay(dirs: Map<string, SourceDir>, query: PlanQuery, day: Day): PlannedBucket[] {
  const chosen = sourcesForDay(query.requested, (s) => dirs.get(s)?.days[day] !== undefined);
  const dedupe = query.withText && ownerCopySuffices(query.types);
  return chosen.map((source) => {
    const bucket = dirs.get(source)!.days[day]!;
    // An owner's papers are in its own bucket and, being its, in its archive's: either one read that
    // day from the same commit holds them.
    const heldElsewhere = (owner: string) =>
      [owner, archiveOf(owner)].some((holder) => holder !== source && chosen.includes(holder) && dirs.get(holder)!.days[day]!.rev === bucket.rev);
    const readPart = (bucket.parts ?? []).map(([owners]) => !dedupe || !owners.split(',').every(heldElsewhere));
    return { source, day, key: K.bucketKey(source, day, bucket.rev), bucket, readPart };
  });
}

/** Papers (ranked) or rows (unranked) a day's buckets cost. */
function costOf(buckets: PlannedBucket[], withText: boolean): number {
  return buckets.reduce((n, b) => {
    if (!withText || !b.bucket.parts) return n + b.bucket.count;
    return n + b.bucket.parts.reduce((m, [, papers], i) => m + (b.readPart[i] ? papers : 0), 0);
  }, 0);
}

const shortfall = (served: number, wanted: number, total: number, withText: boolean, budget: number) =>
  withText
    ? `Showing the newest ${served} of ${wanted} announcement days: ranking all of them means scoring ${total} papers, ` +
      `over this server's limit of ${budget} per feed. Ask for fewer days or categories, ` +
      'or leave out keywords, authors and exclude terms to list every day.'
    : `Showing the newest ${served} of ${wanted} announcement days: listing all of them means ${total} entries, ` +
      `over this server's limit of ${budget} per feed. Ask for fewer days or categories.`;

export function planFeedWindow(dirs: Map<string, SourceDir>, query: PlanQuery): FeedPlan {
  const stored = new Set([...dirs.values()].flatMap((dir) => Object.keys(dir.days)));
  const perDay = [...stored]
    .filter((day) => query.onlyDay === undefined || day === query.onlyDay)
    .sort()
    .reverse()
    .map((day) => planDay(dirs, query, day))
    .filter((buckets) => buckets.length)
    .slice(0, query.days);
  const budget = query.maxEntries ?? (query.withText ? K.MAX_RANKED_WINDOW_PAPERS : K.MAX_LISTED_WINDOW_ROWS);
  const costs = perDay.map((buckets) => costOf(buckets, query.withText));
  const total = costs.reduce((n, c) => n + c, 0);
  let served = 0;
  for (let spent = 0; served < perDay.length && (served === 0 || spent + costs[served]! <= budget); served++) spent += costs[served]!;
  const kept = perDay.slice(0, served);
  return {
    days: kept.map((buckets) => buckets[0]!.day),
    buckets: kept.flat(),
    notice: served < perDay.length ? shortfall(served, perDay.length, total, query.withText, budget) : null,
  };
}
