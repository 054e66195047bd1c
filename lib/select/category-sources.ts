/**
 * Which stored sources (the categories or archives the ingest writes buckets for) can serve a
 * requested category, and which papers of those buckets belong to the request.
 * - `cs.LG` is served by a `cs.LG` bucket or by a `cs` archive bucket;
 * - `cs` is served by a `cs` bucket or by the union of `cs.*` buckets.
 * The candidates are computed without the manifest; the store reads only the candidates that exist.
 */
import { isArchive } from '../model/taxonomy';
import { archiveOf, candidateSources } from '../store/day-sources';
import type { Manifest } from '../store/store';
import type { Paper } from '../model/paper';

// One definition of which sources can serve a request, shared with the store's feed read.
export { archiveOf, candidateSources };

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
