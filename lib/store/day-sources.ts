/**
 * Which stored sources (the categories or archives ingest writes buckets for) a feed reads for a
 * requested category or archive, day by day: the most specific one stored that day, so no paper is
 * read twice because both a category and its archive are stored.
 * - `cs.LG` is served by its own bucket, else by the `cs` archive's (the selection keeps its papers);
 * - `cs` is served by its own bucket, else by the union of its categories' buckets.
 */
import { CATEGORIES, isArchive } from '../model/taxonomy';

const ARCHIVE_OF = new Map(CATEGORIES.map((c) => [c.id, c.archive]));
/** `cs.LG` → `cs`, `quant-ph` → `quant-ph`. */
export const archiveOf = (category: string) => ARCHIVE_OF.get(category) ?? category.split('.')[0]!;
const MEMBERS = new Map<string, string[]>();
for (const c of CATEGORIES) if (c.id !== c.archive) MEMBERS.set(c.archive, [...(MEMBERS.get(c.archive) ?? []), c.id]);

/** Sources that may hold papers of `requested`: its own first, then the fallbacks. */
export function candidateSources(requested: string): string[] {
  if (isArchive(requested)) return [requested, ...(MEMBERS.get(requested) ?? [])];
  const archive = archiveOf(requested);
  return archive !== requested ? [requested, archive] : [requested];
}

/** All candidate sources of a request, deduplicated, in a stable order. */
export const candidatesFor = (requested: string[]) => [...new Set(requested.flatMap(candidateSources))];

/** The sources to read on one day, given which sources have a bucket that day. */
export function sourcesForDay(requested: string[], has: (source: string) => boolean): string[] {
  const chosen = new Set<string>();
  for (const r of requested) {
    const [own, ...fallbacks] = candidateSources(r);
    if (has(own!)) chosen.add(own!);
    else if (isArchive(r)) fallbacks.filter(has).forEach((s) => chosen.add(s));
    else if (fallbacks[0] && has(fallbacks[0])) chosen.add(fallbacks[0]);
  }
  // A chosen archive already holds every paper of its chosen categories.
  return [...chosen].filter((s) => archiveOf(s) === s || !chosen.has(archiveOf(s)));
}
