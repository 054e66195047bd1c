/**
 * Learned points from embeddings, on the same scale as the text model (score-learned.ts):
 * - likes: a paper's similarity L to the likes is its cosine with their recency-weighted mean
 *   (the newest like weighs 1, the EMBEDDING_HALF_LIFE-th newest ½), 0 points at the window's
 *   median L, LIKE_MAX_POINTS × tanh(z) above it with z = 1 at the window's 95th percentile;
 * - dislikes: the same with the dislikes' mean, D. A paper more similar to the dislikes than to
 *   the likes (D > L) loses up to DISLIKE_MAX_POINTS, scaled by D − L on the window's own scale; a
 *   dislike therefore only takes points, it never lifts another paper.
 * Means, not every pair: one dot product per paper and list, so 5,000 papers × 100 likes cost
 * what 5,000 × 1 do. The nearest feedback paper (for "like <title>") is looked for among the newest
 * NEAREST_CANDIDATES of each list only.
 */
import { HIGH_QUANTILE } from './fit-classifier';
import { DISLIKE_MAX_POINTS, LIKE_MAX_POINTS } from './learned-model';

/** Likes (and dislikes) back from the newest at which one weighs half as much. */
export const EMBEDDING_HALF_LIFE = 20;
/** Feedback papers per list whose vectors count (and are kept): the 100th newest weighs 3 %. */
export const MAX_EMBEDDED_FEEDBACK = 100;
/** Window papers given points at most, newest first; the rest fall back to the text model. */
export const MAX_EMBEDDED_WINDOW = 5_000;
/** Feedback papers per list compared one by one to name the nearest. */
export const NEAREST_CANDIDATES = 10;

export type EmbeddingPointsInput = {
  /** Unit vectors, newest first. */
  liked: readonly Float32Array[];
  disliked: readonly Float32Array[];
  papers: readonly Float32Array[];
};

/** Per paper: points (hundredths) and the nearest feedback paper (liked i → i, disliked j → liked.length + j; -1: none). */
export type EmbeddingPoints = { points: number[]; nearest: number[] };

const hundredths = (x: number) => Math.round(x * 100) / 100;

export function dot(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Recency-weighted mean of `vectors` (newest first), or null without any. */
function weightedMean(vectors: readonly Float32Array[]): Float32Array | null {
  if (!vectors.length) return null;
  const mean = new Float32Array(vectors[0]!.length);
  let total = 0;
  vectors.forEach((v, k) => {
    const w = 0.5 ** (k / EMBEDDING_HALF_LIFE);
    total += w;
    for (let i = 0; i < mean.length; i++) mean[i]! += w * (v[i] ?? 0);
  });
  for (let i = 0; i < mean.length; i++) mean[i]! /= total;
  return mean;
}

/** Median and HIGH_QUANTILE of `xs` (nearest rank), with a span never zero. */
function scaleOf(xs: Float64Array): { low: number; span: number } {
  const sorted = xs.slice().sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const low = at(0.5);
  return { low, span: Math.max(at(HIGH_QUANTILE) - low, Math.abs(low) * 1e-3, 1e-9) };
}

function nearestOf(paper: Float32Array, list: readonly Float32Array[], offset: number): number {
  let best = -1;
  let bestSim = -Infinity;
  list.slice(0, NEAREST_CANDIDATES).forEach((v, i) => {
    const sim = dot(paper, v);
    if (sim > bestSim) [best, bestSim] = [i + offset, sim];
  });
  return best;
}

export function embeddingPoints(input: EmbeddingPointsInput): EmbeddingPoints {
  const { papers, liked, disliked } = input;
  const likedMean = weightedMean(liked);
  const dislikedMean = weightedMean(disliked);
  const simLiked = Float64Array.from(papers, (p) => (likedMean ? dot(p, likedMean) : 0));
  const excess = Float64Array.from(papers, (p, i) => (dislikedMean ? dot(p, dislikedMean) - simLiked[i]! : 0));
  const likeScale = scaleOf(simLiked);
  const dislikeScale = scaleOf(excess);
  const points: number[] = [];
  const nearest: number[] = [];
  papers.forEach((paper, i) => {
    const like = likedMean ? LIKE_MAX_POINTS * Math.tanh(Math.max(0, (simLiked[i]! - likeScale.low) / likeScale.span)) : 0;
    const penalty = dislikedMean && excess[i]! > 0 ? DISLIKE_MAX_POINTS * Math.tanh(Math.max(0, (excess[i]! - dislikeScale.low) / dislikeScale.span)) : 0;
    const total = hundredths(like) - hundredths(penalty);
    points.push(hundredths(total));
    nearest.push(total > 0 ? nearestOf(paper, liked, 0) : total < 0 ? nearestOf(paper, disliked, liked.length) : -1);
  });
  return { points, nearest };
}
