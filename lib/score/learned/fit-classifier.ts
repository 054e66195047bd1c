/**
 * The classifier half of training: the SVM on the training rows, its largest weights moved onto
 * the tf vector that scoring computes (idf and scale folded in), and the calibration that maps
 * decision values to points, computed with exactly the weights that are kept.
 */
import type { Features, FittedWindow } from './fit-window';
import { idfOf } from './fit-window';
import { MAX_MODEL_TERMS, MAX_TERM_CHARS, type Classifier } from './learned-model';
import { roundStored } from './sketch-paper';
import { TermTable } from './term-table';
import { topEntries } from './top-entries';
import { trainLinearSvm, type SparseSample } from './train-linear-svm';

/**
 * SVM regularization on unit-length tf-idf: arxiv-sanity-lite's LinearSVC(C=0.01). So strong a
 * prior keeps a few likes close to their centroid against the window, which generalizes better
 * than fitting each liked paper's own words (larger C ranked worse on held-out judgements).
 */
export const SVM_C = 0.01;
/**
 * Calibration: a paper whose decision value reaches this quantile of the sampled window gets
 * tanh(1) ≈ 76 % of LIKE_MAX_POINTS. The window defines the scale because liked papers are
 * overfit (they sit at the margin) and fresh relevant papers rarely score like them.
 */
export const HIGH_QUANTILE = 0.95;

export type TrainingRow = { features: Features; label: 1 | -1 };

/** A trained classifier whose kept terms still need their spellings. */
export type ClassifierDraft = {
  bias: number;
  samples: SparseSample[];
  dimensions: number;
  /** Kept weights on tf, largest magnitude first, with their hash and training dimension. */
  kept: { hash: number; dimension: number; weight: number }[];
};

/** Nearest-rank quantile. */
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

export function draftClassifier(fitted: FittedWindow, rows: readonly TrainingRow[]): ClassifierDraft {
  const table = new TermTable(rows.length * 64);
  const samples = rows.map(({ features, label }): SparseSample => {
    const index = new Int32Array(features.hashes.length);
    for (let k = 0; k < index.length; k++) index[k] = table.add(features.hashes[k]!);
    return { index, value: features.values, label };
  });
  const hashOf = table.hashes();
  const svm = trainLinearSvm(samples, hashOf.length, { c: SVM_C });
  const onTf = Float64Array.from(hashOf, (hash, d) => (svm.weights[d]! * idfOf(fitted, hash)) / fitted.scale);
  const kept = topEntries(onTf, hashOf, MAX_MODEL_TERMS, true)
    .filter((d) => onTf[d] !== 0)
    .map((d) => ({ hash: hashOf[d]!, dimension: d, weight: roundStored(onTf[d]!) }));
  return { bias: roundStored(svm.bias), samples, dimensions: hashOf.length, kept };
}

/** The stored classifier; a term without a storable spelling is left out, and calibration sees exactly the rest. */
export function finishClassifier(fitted: FittedWindow, draft: ClassifierDraft, names: ReadonlyMap<number, string>): Classifier {
  const kept = draft.kept.filter((t) => (names.get(t.hash)?.length ?? Infinity) <= MAX_TERM_CHARS);
  const onFeatures = new Float64Array(draft.dimensions);
  for (const t of kept) onFeatures[t.dimension] = (t.weight * fitted.scale) / idfOf(fitted, t.hash);
  const decision = ({ index, value }: SparseSample) => {
    let sum = draft.bias;
    for (let k = 0; k < index.length; k++) sum += onFeatures[index[k]!]! * value[k]!;
    return sum;
  };
  const negatives = draft.samples.filter((s) => s.label < 0).map(decision);
  const low = quantile(negatives, 0.5);
  const high = quantile(negatives, HIGH_QUANTILE);
  return {
    bias: draft.bias,
    low: roundStored(low),
    // A window whose papers all score alike still needs a span to divide by.
    high: roundStored(Math.max(high, low + Math.abs(low) * 1e-3 + 1e-9)),
    weights: kept.map((t): [string, number] => [names.get(t.hash)!, t.weight]),
  };
}
