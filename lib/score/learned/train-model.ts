/**
 * Trains a profile's learned model from its feedback, the way arxiv-sanity-lite ranks by a
 * user's tags: tf-idf (1–2-grams, sublinear tf) fitted on the window, and a linear SVM with the
 * liked papers as positives and a fixed sample of the rest of the window as negatives.
 *
 * Dislikes never enter the classifier: they only subtract, by resemblance (score-learned.ts).
 * So a "less like this" can push a paper down but never lift another one up, and the negative
 * sample is chosen from the ids alone (a hash order), never from the feedback.
 */
import type { Paper } from '../../model/paper';
import { featuresOf, idfOf, fitWindow, type Features, type FittedWindow } from './fit-window';
import { LearnedModelSchema, MAX_MODEL_TERMS, MAX_TERM_CHARS, MODEL_FORMAT, type Classifier, type LearnedModel, type PaperSketch } from './learned-model';
import { roundStored, sketchFeatures, sketchPaper, termNames } from './sketch-paper';
import { TermTable } from './term-table';
import { termHash } from './term-vector';
import { trainLinearSvm, type SparseSample } from './train-linear-svm';

/** Window papers the classifier sees as "not liked"; more costs time and changes little. */
export const NEGATIVE_SAMPLE = 1_500;
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

export type TrainInput = {
  /** Papers the model is fitted on: idf, negatives, and the text of feedback papers found there. */
  window: readonly Paper[];
  liked: readonly string[];
  disliked: readonly string[];
  /** The model trained before, whose sketches stand in for feedback papers that left the window. */
  previous?: LearnedModel | null;
  now: Date;
};

type Row = { features: Features; label: 1 | -1; paper?: Paper };

function sketchAll(fitted: FittedWindow, ids: readonly string[], previous: Map<string, PaperSketch>, notFound: string[]): PaperSketch[] {
  return ids.flatMap((id) => {
    const paper = fitted.byId.get(id);
    const sketch = paper ? sketchPaper(fitted, paper) : previous.get(id);
    if (!sketch) notFound.push(id);
    return sketch ? [sketch] : [];
  });
}

/** The same window always gives the same sample, whatever anyone liked or disliked. */
function sampleNegatives(fitted: FittedWindow, liked: ReadonlySet<string>): Paper[] {
  return fitted.papers
    .filter((p) => !liked.has(p.id))
    .map((p) => ({ p, key: termHash(p.id) >>> 0 }))
    .sort((a, b) => a.key - b.key || (a.p.id < b.p.id ? -1 : 1))
    .slice(0, NEGATIVE_SAMPLE)
    .map(({ p }) => p);
}

function toSamples(rows: Row[]): { samples: SparseSample[]; hashOf: Int32Array } {
  const dimensions = new TermTable(rows.length * 64);
  const samples = rows.map(({ features, label }) => ({ index: features.hashes.map((hash) => dimensions.add(hash)), value: features.values, label }));
  return { samples, hashOf: dimensions.hashes() };
}

/** Nearest-rank quantile. */
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** Spellings of the kept hashes, from the papers and sketches that contain them. */
function nameTerms(rows: Row[], sketches: PaperSketch[], wanted: Set<number>): Map<number, string> {
  const names = new Map<number, string>();
  for (const s of sketches) for (const [term] of s.terms) if (wanted.has(termHash(term))) names.set(termHash(term), term);
  for (const row of rows) if (row.paper && names.size < wanted.size) termNames(row.paper, wanted, names);
  return names;
}

function fitClassifier(fitted: FittedWindow, rows: Row[], sketches: PaperSketch[]): Classifier {
  const { samples, hashOf } = toSamples(rows);
  const svm = trainLinearSvm(samples, hashOf.length, { c: SVM_C });
  // Weights on unit sublinear tf, the vector scoring computes: idf and scale folded in.
  const onTf = Array.from(hashOf, (hash, i) => ({ hash, i, weight: (svm.weights[i]! * idfOf(fitted, hash)) / fitted.scale }));
  const top = onTf.filter((t) => t.weight !== 0).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.hash - b.hash);
  const names = nameTerms(rows, sketches, new Set(top.slice(0, MAX_MODEL_TERMS * 2).map((t) => t.hash)));
  const kept = top.filter((t) => (names.get(t.hash)?.length ?? Infinity) <= MAX_TERM_CHARS).slice(0, MAX_MODEL_TERMS);
  // Calibrate with the kept weights only: exactly what scoring will compute.
  const keptWeight = new Float64Array(hashOf.length);
  for (const t of kept) keptWeight[t.i] = roundStored(t.weight) * (fitted.scale / idfOf(fitted, t.hash));
  const bias = roundStored(svm.bias);
  const decision = (s: SparseSample) => s.index.reduce((sum, i, k) => sum + keptWeight[i]! * s.value[k]!, bias);
  const negatives = samples.filter((s) => s.label < 0).map(decision);
  const low = quantile(negatives, 0.5);
  const high = quantile(negatives, HIGH_QUANTILE);
  return {
    bias,
    low: roundStored(low),
    high: roundStored(Math.max(high, low + 1e-3)),
    weights: kept.map((t): [string, number] => [names.get(t.hash)!, roundStored(t.weight)]),
  };
}

export function trainLearnedModel(input: TrainInput): LearnedModel {
  const fitted = fitWindow(input.window);
  const previous = new Map([...(input.previous?.liked ?? []), ...(input.previous?.disliked ?? [])].map((s) => [s.id, s]));
  const notFound: string[] = [];
  const liked = sketchAll(fitted, input.liked, previous, notFound);
  const disliked = sketchAll(fitted, input.disliked, previous, notFound);
  const negatives = liked.length ? sampleNegatives(fitted, new Set(input.liked)) : [];
  const rows: Row[] = [
    ...liked.map((s): Row => {
      const paper = fitted.byId.get(s.id);
      return paper ? { features: featuresOf(fitted, paper), label: 1, paper } : { features: sketchFeatures(s), label: 1 };
    }),
    ...negatives.map((paper): Row => ({ features: featuresOf(fitted, paper), label: -1, paper })),
  ];
  return LearnedModelSchema.parse({
    format: MODEL_FORMAT,
    trainedAt: input.now.toISOString(),
    classifier: liked.length && negatives.length ? fitClassifier(fitted, rows, liked) : null,
    liked,
    disliked,
    notFound,
    window: { papers: fitted.papers.length, negatives: negatives.length },
  });
}
