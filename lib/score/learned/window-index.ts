/**
 * One window's papers inverted (term → the papers that contain it, with their tf), for ranking
 * many profiles over the same papers: the summarizer's pass over every saved profile, the bench.
 * A profile then walks only the papers containing its own ~2,000 terms instead of probing every
 * term of every paper, several times less work. Built once per papers array and kept while the
 * array lives (WeakMap), so a feed request, which ranks one profile once, never pays for it.
 */
import type { Paper } from '../../model/paper';
import { TermTable } from './term-table';
import { termVector } from './term-vector';

export type WindowIndex = {
  papers: number;
  /** Term hash → term number. */
  terms: TermTable;
  /** Postings of term t: `paper[start[t]] … paper[start[t + 1] - 1]`, with the paper's tf for it alongside. */
  start: Int32Array;
  paper: Int32Array;
  tf: Float32Array;
};

const indexes = new WeakMap<readonly Paper[], WindowIndex>();

/** Indexes `papers` for many rankings; rankings over this same array then take the inverted path. */
export function indexWindow(papers: readonly Paper[]): WindowIndex {
  const known = indexes.get(papers);
  if (known) return known;
  const terms = new TermTable(papers.length * 64);
  const vectors = papers.map(termVector);
  const numbers = vectors.map(({ ids }) => Int32Array.from(ids, (hash) => terms.add(hash)));
  const start = new Int32Array(terms.size + 1);
  for (const list of numbers) for (const t of list) start[t + 1]!++;
  for (let t = 0; t < terms.size; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, terms.size);
  const paper = new Int32Array(start[terms.size]!);
  const tf = new Float32Array(paper.length);
  numbers.forEach((list, p) => {
    const { values } = vectors[p]!;
    for (let i = 0; i < list.length; i++) {
      const at = next[list[i]!]!++;
      paper[at] = p;
      tf[at] = values[i]!;
    }
  });
  const index = { papers: papers.length, terms, start, paper, tf };
  indexes.set(papers, index);
  return index;
}

export const windowIndexOf = (papers: readonly Paper[]): WindowIndex | null => indexes.get(papers) ?? null;
