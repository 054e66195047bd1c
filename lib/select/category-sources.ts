/**
 * Which stored sources (the categories or archives the ingest writes buckets for) can serve a
 * requested category, and which papers of those buckets belong to the request.
 * - `cs.LG` is served by a `cs.LG` bucket or by a `cs` archive bucket;
 * - `cs` is served by a `cs` bucket or by the union of `cs.*` buckets.
 * The candidates are computed without the manifest so the feed still reads in ≤ 2 round trips;
 * the store reads only the candidates that exist.
 */
import { CATEGORIES, isArchive } from '../model/taxonomy';
import type { Manifest } from '../store/store';
import type { Paper } from '../model/paper';

const ARCHIVE_OF = new Map(CATEGORIES.map((c) => [c.id, c.archive]));

/** `cs.LG` → `cs`, `quant-ph` → `quant-ph`, `math.MP` → `math`. */
export const archiveOf = (category: string) => ARCHIVE_OF.get(category) ?? category.split('.')[0]!;

/** Stored sources that may hold papers of `requested` (a category or an archive). */
export function candidateSources(requested: string): string[] {
  const own = [requested];
  if (isArchive(requested)) {
    const members = CATEGORIES.filter((c) => c.archive === requested && c.id !== requested).map((c) => c.id);
    return [...own, ...members];
  }
  const archive = archiveOf(requested);
  return archive !== requested ? [...own, archive] : own;
}

/** All candidate sources of a request, deduplicated. */
export const sourcesFor = (requested: string[]) => [...new Set(requested.flatMap(candidateSources))];

/** Every source the manifest holds a bucket for, on any day. */
export function storedSources(manifest: Manifest): Set<string> {
  return new Set(Object.values(manifest.days).flatMap((bySource) => Object.keys(bySource)));
}

/** True when any stored source can serve `requested`. */
export const isServed = (requested: string, stored: Set<string>) => candidateSources(requested).some((s) => stored.has(s));

/** A paper belongs to the request when one of its categories is a requested category or in a requested archive. */
export function paperMatchesRequest(paper: Paper, requested: string[]): boolean {
  return paper.categories.some((c) => requested.some((r) => c === r || (isArchive(r) && archiveOf(c) === r)));
}
