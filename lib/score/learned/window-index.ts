/**
 * One window's term vectors renumbered densely (0 … distinct terms − 1), for ranking many profiles
 * over the same papers (the summarizer's pass over every saved profile, the bench): each profile
 * then maps its few thousand terms once into an array indexed by those numbers, and scoring a paper
 * is array reads instead of hash probes. Built once per papers array and kept while it lives.
 */
import type { Paper } from '../../model/paper';
import { TermTable } from './term-table';
import { termVector } from './term-vector';

export type WindowIndex = {
  terms: TermTable;
  /** Per paper, its term numbers, aligned with `termVector(paper).ids`. */
  dense: Int32Array[];
};

const indexes = new WeakMap<readonly Paper[], WindowIndex>();

/** Indexes `papers` for many rankings; rankings over this same array then take the fast path. */
export function indexWindow(papers: readonly Paper[]): WindowIndex {
  const known = indexes.get(papers);
  if (known) return known;
  const terms = new TermTable(papers.length * 64);
  const dense = papers.map((paper) => {
    const { ids } = termVector(paper);
    const out = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = terms.add(ids[i]!);
    return out;
  });
  const index = { terms, dense };
  indexes.set(papers, index);
  return index;
}

export const windowIndexOf = (papers: readonly Paper[]): WindowIndex | null => indexes.get(papers) ?? null;
