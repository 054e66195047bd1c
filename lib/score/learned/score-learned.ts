/**
 * Scores papers with a profile's learned model, on the keyword scale (rank-papers.ts):
 * - likes add 0 to LIKE_MAX_POINTS: none at or below the classifier's value for the median
 *   window paper, then LIKE_MAX_POINTS × tanh(z), z = 1 at the window's 95th percentile — strictly
 *   increasing, so papers the likes favour keep their order instead of tying at a cap;
 * - dislikes take 0 to DISLIKE_MAX_POINTS from a paper that resembles a disliked paper more than
 *   any liked one (by more than DISLIKE_SIMILARITY_FLOOR, fully at DISLIKE_SIMILARITY_SPAN more);
 * - a liked paper itself gets the full like points and says so; a disliked one the full penalty.
 * One pass over the paper's terms does both: each term is looked up once, and the lookup finds the
 * classifier's weight and the sketches that contain it. Points are rounded to hundredths, the same
 * numbers in the score and in its explanation.
 */
import type { Paper } from '../../model/paper';
import type { ExtraScore, Match } from '../rank-papers';
import { compileModel, type CompiledModel } from './compile-learned';
import { DISLIKE_MAX_POINTS, LIKE_MAX_POINTS, type LearnedModel } from './learned-model';
import { mayContain } from './term-table';
import { termVector } from './term-vector';
import { windowIndexOf, type WindowIndex } from './window-index';

/** A paper must resemble a disliked paper at least this much more than any liked one to lose points. */
export const DISLIKE_SIMILARITY_FLOOR = 0.1;
/** …and loses all DISLIKE_MAX_POINTS at this much more (similarity 1 = the disliked paper itself). */
export const DISLIKE_SIMILARITY_SPAN = 0.3;

export type LearnedScorer = ExtraScore;

/** Reused per scorer: the current paper's model entries per term, decision value and similarities. */
type Scratch = { entries: Int32Array; decision: number; sims: Float64Array; touched: Int32Array; touchedCount: number };

/** Points, with the nearest liked and disliked sketches (-1: none shares a term). */
type Evaluation = { like: number; penalty: number; nearestLiked: number; nearestDisliked: number };

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);
const hundredths = (x: number) => Math.round(x * 100) / 100;

/** The model entry of each term of `ids` (-1: not in the model) into `scratch.entries`, by filter and hash probe. */
function resolveByHash(c: CompiledModel, ids: Int32Array, scratch: Scratch): void {
  if (scratch.entries.length < ids.length) scratch.entries = new Int32Array(ids.length * 2);
  const { filter, table } = c;
  const out = scratch.entries;
  for (let i = 0; i < ids.length; i++) out[i] = mayContain(filter, ids[i]!) ? table.find(ids[i]!) : -1;
}

/** The same through a window index: one array read per term. */
function resolveByIndex(dense: Int32Array, entryOf: Int32Array, scratch: Scratch): void {
  if (scratch.entries.length < dense.length) scratch.entries = new Int32Array(dense.length * 2);
  const out = scratch.entries;
  for (let i = 0; i < dense.length; i++) out[i] = entryOf[dense[i]!]!;
}

/** Decision value, and with `sims` the similarity to every sketch sharing a term, from resolved entries. */
function accumulate(c: CompiledModel, values: Float32Array, scratch: Scratch, sims: boolean): void {
  const { weight, postStart, postSketch, postValue } = c;
  const entries = scratch.entries;
  let decision = c.classifier?.bias ?? 0;
  let touched = 0;
  for (let i = 0; i < values.length; i++) {
    const e = entries[i]!;
    if (e < 0) continue;
    const tf = values[i]!;
    decision += weight[e]! * tf;
    if (!sims) continue;
    for (let k = postStart[e]!; k < postStart[e + 1]!; k++) {
      const s = postSketch[k]!;
      if (scratch.sims[s] === 0) scratch.touched[touched++] = s;
      scratch.sims[s]! += postValue[k]! * tf;
    }
  }
  scratch.decision = decision;
  scratch.touchedCount = touched;
}

function likePoints(c: CompiledModel, paper: Paper, decision: number): number {
  const k = c.classifier;
  if (c.liked.has(paper.id)) return LIKE_MAX_POINTS;
  return k ? hundredths(LIKE_MAX_POINTS * Math.tanh(Math.max(0, (decision - k.low) / (k.high - k.low)))) : 0;
}

/** Ties go to the earlier sketch, so an explanation does not depend on the order of terms. */
const closer = (sim: Float64Array, s: number, best: number) => best < 0 || sim[s]! > sim[best]! || (sim[s] === sim[best] && s < best);

/** Points and nearest sketches from the accumulated similarities; leaves them cleared. */
function evaluate(c: CompiledModel, paper: Paper, scratch: Scratch): Evaluation {
  let nearestLiked = -1;
  let nearestDisliked = -1;
  const sim = scratch.sims;
  for (let t = 0; t < scratch.touchedCount; t++) {
    const s = scratch.touched[t]!;
    if (s < c.likedSketches) {
      if (closer(sim, s, nearestLiked)) nearestLiked = s;
    } else if (closer(sim, s, nearestDisliked)) nearestDisliked = s;
  }
  const simLiked = Math.max(DISLIKE_SIMILARITY_FLOOR, nearestLiked < 0 ? 0 : sim[nearestLiked]!);
  const simDisliked = nearestDisliked < 0 ? 0 : sim[nearestDisliked]!;
  for (let t = 0; t < scratch.touchedCount; t++) sim[scratch.touched[t]!] = 0;
  const resemblance = clamp01((simDisliked - simLiked) / DISLIKE_SIMILARITY_SPAN);
  const penalty = c.disliked.has(paper.id) ? DISLIKE_MAX_POINTS : hundredths(DISLIKE_MAX_POINTS * resemblance);
  return { like: likePoints(c, paper, scratch.decision), penalty, nearestLiked, nearestDisliked };
}

function explain(c: CompiledModel, paper: Paper, scratch: Scratch): Match[] {
  const { ids, values } = termVector(paper);
  resolveByHash(c, ids, scratch);
  accumulate(c, values, scratch, true);
  const { like, penalty, nearestLiked, nearestDisliked } = evaluate(c, paper, scratch);
  const matches: Match[] = [];
  if (c.liked.has(paper.id)) matches.push({ where: 'liked', term: paper.title, id: paper.id, points: like });
  else if (like > 0) {
    // The classifier can favour a paper that shares no strong term with any one liked paper.
    const s = c.sketches[Math.max(0, nearestLiked)];
    matches.push(s ? { where: 'similar', term: s.title, id: s.id, points: like } : { where: 'similar', term: 'your liked papers', points: like });
  }
  if (c.disliked.has(paper.id)) matches.push({ where: 'disliked', term: paper.title, id: paper.id, points: -penalty });
  else if (penalty > 0) {
    const s = c.sketches[nearestDisliked]!;
    matches.push({ where: 'disliked', term: s.title, id: s.id, points: -penalty });
  }
  return matches;
}

/** This model's entries by the window's dense term numbers (-1 where the model has no such term). */
function entriesByDense(c: CompiledModel, index: WindowIndex): Int32Array {
  const entryOf = new Int32Array(index.terms.size).fill(-1);
  const hashes = c.table.hashes();
  for (let e = 0; e < hashes.length; e++) {
    const d = index.terms.find(hashes[e]!);
    if (d >= 0) entryOf[d] = e;
  }
  return entryOf;
}

function pointsFor(c: CompiledModel, papers: readonly Paper[], scratch: Scratch): Float64Array {
  const index = windowIndexOf(papers);
  const entryOf = index ? entriesByDense(c, index) : null;
  // Without dislikes the similarities only name the nearest liked paper: needed for explaining, not for points.
  const sims = c.sketches.length > c.likedSketches;
  const dislikes = sims || c.disliked.size > 0;
  const points = new Float64Array(papers.length);
  for (let p = 0; p < papers.length; p++) {
    const paper = papers[p]!;
    const { ids, values } = termVector(paper);
    if (entryOf) resolveByIndex(index!.dense[p]!, entryOf, scratch);
    else resolveByHash(c, ids, scratch);
    accumulate(c, values, scratch, sims);
    if (!dislikes) points[p] = likePoints(c, paper, scratch.decision);
    else {
      const { like, penalty } = evaluate(c, paper, scratch);
      points[p] = like - penalty;
    }
  }
  return points;
}

/** The scorer of a profile's feedback, or null when it has none. `model` may be missing or older than the lists. */
export function compileLearned(model: LearnedModel | null, feedback: { liked: readonly string[]; disliked: readonly string[] }): LearnedScorer | null {
  if (!feedback.liked.length && !feedback.disliked.length) return null;
  const c = compileModel(model, new Set(feedback.liked), new Set(feedback.disliked));
  const n = c.sketches.length;
  const scratch: Scratch = { entries: new Int32Array(512), decision: 0, sims: new Float64Array(n), touched: new Int32Array(n), touchedCount: 0 };
  return {
    pointsFor: (papers) => pointsFor(c, papers, scratch),
    keeps: (paper) => c.liked.has(paper.id),
    explain: (paper) => explain(c, paper, scratch),
  };
}
