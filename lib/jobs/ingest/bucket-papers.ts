/**
 * Places a day's papers into per-source buckets. A paper belongs to source S (a category like
 * `cs.LG` or an archive like `math`) when one of its categories is S or starts with `S.`. arXiv's
 * announce type describes the paper relative to the whole feed, so it is recomputed per bucket:
 * the primary category (listed first) in S → `new`/`replace`, otherwise `cross`/`replace-cross`.
 */
import type { AnnounceType, Paper } from '../../model/paper';

export const inSource = (category: string, source: string) => category === source || category.startsWith(`${source}.`);

export function announceTypeFor(paper: Paper, source: string): AnnounceType {
  const primaryInSource = inSource(paper.categories[0]!, source);
  const replaced = paper.announceType === 'replace' || paper.announceType === 'replace-cross';
  if (replaced) return primaryInSource ? 'replace' : 'replace-cross';
  return primaryInSource ? 'new' : 'cross';
}

export type Buckets = { bySource: Record<string, Paper[]>; matched: Paper[]; unmatched: number };

/** Every source gets a bucket, possibly empty: an empty bucket records "ingested, nothing that day". */
export function bucketPapers(papers: Paper[], sources: string[]): Buckets {
  const bySource: Record<string, Paper[]> = Object.fromEntries(sources.map((s) => [s, []]));
  const matched: Paper[] = [];
  for (const paper of papers) {
    const hits = sources.filter((s) => paper.categories.some((c) => inSource(c, s)));
    if (hits.length) matched.push(paper);
    for (const s of hits) bySource[s]!.push({ ...paper, announceType: announceTypeFor(paper, s) });
  }
  return { bySource, matched, unmatched: papers.length - matched.length };
}
