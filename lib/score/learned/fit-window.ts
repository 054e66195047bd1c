/**
 * The tf-idf fit of one window of papers: document frequencies of every term hash, smooth idf
 * (scikit-learn's `ln((1 + n) / (1 + df)) + 1`), and one scale that brings the window's
 * tf-idf vectors to unit length on average. A paper's training features are its unit sublinear
 * tf times idf over that scale; scoring later multiplies the same tf by weights with idf and
 * scale folded in, so it needs no idf table.
 */
import type { Paper } from '../../model/paper';
import { TermTable } from './term-table';
import { termVector, type TermVector } from './term-vector';

export type FittedWindow = {
  terms: TermTable;
  /** Idf by entry of `terms`. */
  idf: Float64Array;
  /** Document frequency by entry of `terms`. */
  df: Int32Array;
  /** Ids of the papers fitted. */
  ids: Set<string>;
  /** Idf of a term the window does not contain (a feedback paper's term from an older window). */
  unseenIdf: number;
  /** Divides tf × idf so the window's feature vectors have about unit length. */
  scale: number;
};

/** A paper's training features: its term hashes and tf × idf ÷ scale, aligned with them. */
export type Features = { hashes: Int32Array; values: Float32Array };

/** Fits `papers` (distinct). */
export function fitWindow(papers: readonly Paper[]): FittedWindow {
  const terms = new TermTable(papers.length * 32);
  let df: Int32Array<ArrayBuffer> = new Int32Array(1024);
  for (const paper of papers)
    for (const hash of termVector(paper).ids) {
      const entry = terms.add(hash);
      if (entry >= df.length) df = grown(df);
      df[entry]!++;
    }
  const n = papers.length;
  const idf = Float64Array.from(df.subarray(0, terms.size), (count) => Math.log((1 + n) / (1 + count)) + 1);
  const fitted: FittedWindow = { terms, idf, df: df.slice(0, terms.size), ids: new Set(papers.map((p) => p.id)), unseenIdf: Math.log(1 + n) + 1, scale: 1 };
  let squares = 0;
  for (const paper of papers) squares += squaredLength(fitted, termVector(paper));
  fitted.scale = Math.sqrt(squares / Math.max(1, n)) || 1;
  return fitted;
}

function grown(counts: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(counts.length * 2);
  bigger.set(counts);
  return bigger;
}

/** Fitted papers other than `id` that contain the term. */
export function othersWith(fitted: FittedWindow, hash: number, id: string): number {
  const entry = fitted.terms.find(hash);
  const df = entry < 0 ? 0 : fitted.df[entry]!;
  return fitted.ids.has(id) ? df - 1 : df;
}

export function idfOf(fitted: FittedWindow, hash: number): number {
  const entry = fitted.terms.find(hash);
  return entry < 0 ? fitted.unseenIdf : fitted.idf[entry]!;
}

function squaredLength(fitted: FittedWindow, vector: TermVector): number {
  let sum = 0;
  for (let i = 0; i < vector.ids.length; i++) sum += (vector.values[i]! * idfOf(fitted, vector.ids[i]!)) ** 2;
  return sum;
}

export function featuresOf(fitted: FittedWindow, paper: Paper): Features {
  const vector = termVector(paper);
  const values = new Float32Array(vector.ids.length);
  for (let i = 0; i < values.length; i++) values[i] = (vector.values[i]! * idfOf(fitted, vector.ids[i]!)) / fitted.scale;
  return { hashes: vector.ids, values };
}
