/**
 * A stored model turned into what scoring reads: one term table holding, per term, the
 * classifier's weight and the sketches that contain it (postings), plus a bit filter that rules
 * out most of a paper's terms before the table. Built per request from the stored JSON (~2,000
 * terms, well under a millisecond).
 */
import type { Classifier, LearnedModel, PaperSketch } from './learned-model';
import { termFilter, TermTable } from './term-table';
import { termHash } from './term-vector';

export type CompiledModel = {
  table: TermTable;
  filter: Int32Array;
  /** Classifier weight per entry (0 for a term only a sketch has). */
  weight: Float32Array;
  /** Per entry, where its sketch postings start (entry e: postStart[e] to postStart[e + 1]). */
  postStart: Int32Array;
  postSketch: Int32Array;
  /** Sketch feature ÷ the sketch's self-similarity. */
  postValue: Float32Array;
  /** Liked sketches first, then disliked. */
  sketches: PaperSketch[];
  likedSketches: number;
  classifier: Classifier | null;
  liked: ReadonlySet<string>;
  disliked: ReadonlySet<string>;
};

/** Postings grouped by entry (counting sort), so one term's sketches are contiguous. */
function groupPostings(size: number, postings: (readonly [entry: number, sketch: number, value: number])[]) {
  const postStart = new Int32Array(size + 1);
  for (const [e] of postings) postStart[e + 1]!++;
  for (let e = 0; e < size; e++) postStart[e + 1]! += postStart[e]!;
  const next = postStart.slice(0, size);
  const postSketch = new Int32Array(postings.length);
  const postValue = new Float32Array(postings.length);
  for (const [e, k, v] of postings) {
    const at = next[e]!++;
    postSketch[at] = k;
    postValue[at] = v;
  }
  return { postStart, postSketch, postValue };
}

/** Only sketches of papers still in the profile's lists count: a cleared signal stops at once. */
export function compileModel(model: LearnedModel | null, liked: ReadonlySet<string>, disliked: ReadonlySet<string>): CompiledModel {
  const likedSketches = (model?.liked ?? []).filter((s) => liked.has(s.id));
  const sketches = [...likedSketches, ...(model?.disliked ?? []).filter((s) => disliked.has(s.id))];
  const table = new TermTable();
  const entry = (term: string) => table.add(termHash(term));
  const weights = (model?.classifier?.weights ?? []).map(([term, w]) => [entry(term), w] as const);
  const postings = sketches.flatMap((s, k) => s.terms.map(([term, x]) => [entry(term), k, x / s.self] as const));
  const weight = new Float32Array(table.size);
  for (const [e, w] of weights) weight[e] = w;
  return {
    table,
    filter: termFilter(table.hashes()),
    weight,
    ...groupPostings(table.size, postings),
    sketches,
    likedSketches: likedSketches.length,
    classifier: model?.classifier ?? null,
    liked,
    disliked,
  };
}
