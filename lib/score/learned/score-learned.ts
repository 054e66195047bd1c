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
import { indexedDecisions, indexedNearest } from './score-indexed';
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

function penaltyPoints(c: CompiledModel, paper: Paper, simLiked: number, simDisliked: number): number {
  if (c.disliked.has(paper.id)) return DISLIKE_MAX_POINTS;
  return hundredths(DISLIKE_MAX_POINTS * clamp01((simDisliked - Math.max(DISLIKE_SIMILARITY_FLOOR, simLiked)) / DISLIKE_SIMILARITY_SPAN));
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
  const penalty = penaltyPoints(c, paper, nearestLiked < 0 ? 0 : sim[nearestLiked]!, nearestDisliked < 0 ? 0 : sim[nearestDisliked]!);
  for (let t = 0; t < scratch.touchedCount; t++) sim[scratch.touched[t]!] = 0;
  return { like: likePoints(c, paper, scratch.decision), penalty, nearestLiked, nearestDisliked };
}

/** The points the last ranking gave its papers, so their explanations repeat them exactly. */
type Ranked = { papers: readonly Paper[]; like: Float64Array; penalty: Float64Array };

function explain(c: CompiledModel, paper: Paper, scratch: Scratch, ranked: Ranked): Match[] {
  const { ids, values } = termVector(paper);
  resolveByHash(c, ids, scratch);
  accumulate(c, values, scratch, true);
  const evaluation = evaluate(c, paper, scratch);
  const { nearestLiked, nearestDisliked } = evaluation;
  // A ranking explains the few papers it keeps: a scan costs less than a map of every paper.
  const at = ranked.papers.indexOf(paper);
  const { like, penalty } = at < 0 ? evaluation : { like: ranked.like[at]!, penalty: ranked.penalty[at]! };
  const matches: Match[] = [];
  if (c.liked.has(paper.id)) matches.push({ where: 'liked', term: paper.title, id: paper.id, points: like });
  else if (like > 0) {
    // The classifier can favour a paper that shares no strong term with any one liked paper.
    const s = nearestLiked >= 0 ? c.sketches[nearestLiked] : undefined;
    matches.push(s ? { where: 'similar', term: s.title, id: s.id, points: like } : { where: 'similar', term: 'your liked papers', points: like });
  }
  if (c.disliked.has(paper.id)) matches.push({ where: 'disliked', term: paper.title, id: paper.id, points: -penalty });
  else if (penalty > 0) {
    const s = c.sketches[nearestDisliked]!;
    matches.push({ where: 'disliked', term: s.title, id: s.id, points: -penalty });
  }
  return matches;
}

/** Points of every paper through the window's inverted index (score-indexed.ts). */
function pointsIndexed(c: CompiledModel, papers: readonly Paper[], index: WindowIndex, ranked: Ranked): void {
  const decision = indexedDecisions(c, index);
  const nearest = c.sketches.length > c.likedSketches ? indexedNearest(c, index) : null;
  papers.forEach((paper, p) => {
    ranked.like[p] = likePoints(c, paper, decision[p]!);
    ranked.penalty[p] = nearest ? penaltyPoints(c, paper, nearest.liked[p]!, nearest.disliked[p]!) : penaltyPoints(c, paper, 0, 0);
  });
}

/** Points of every paper, one at a time by hash probes (a feed request's single ranking). */
function pointsDirect(c: CompiledModel, papers: readonly Paper[], scratch: Scratch, ranked: Ranked): void {
  // Without dislikes the similarities only name the nearest liked paper: needed for explaining, not for points.
  const sims = c.sketches.length > c.likedSketches;
  papers.forEach((paper, p) => {
    const { ids, values } = termVector(paper);
    resolveByHash(c, ids, scratch);
    accumulate(c, values, scratch, sims);
    const { like, penalty } = sims ? evaluate(c, paper, scratch) : { like: likePoints(c, paper, scratch.decision), penalty: penaltyPoints(c, paper, 0, 0) };
    ranked.like[p] = like;
    ranked.penalty[p] = penalty;
  });
}

function pointsFor(c: CompiledModel, papers: readonly Paper[], scratch: Scratch, ranked: Ranked): Float64Array {
  ranked.papers = papers;
  ranked.like = new Float64Array(papers.length);
  ranked.penalty = new Float64Array(papers.length);
  const index = windowIndexOf(papers);
  if (index) pointsIndexed(c, papers, index, ranked);
  else pointsDirect(c, papers, scratch, ranked);
  return ranked.like.map((like, p) => like - ranked.penalty[p]!);
}

/** The scorer of a profile's feedback, or null when it has none. `model` may be missing or older than the lists. */
export function compileLearned(model: LearnedModel | null, feedback: { liked: readonly string[]; disliked: readonly string[] }): LearnedScorer | null {
  if (!feedback.liked.length && !feedback.disliked.length) return null;
  const c = compileModel(model, new Set(feedback.liked), new Set(feedback.disliked));
  const n = c.sketches.length;
  const scratch: Scratch = { entries: new Int32Array(512), decision: 0, sims: new Float64Array(n), touched: new Int32Array(n), touchedCount: 0 };
  const ranked: Ranked = { papers: [], like: new Float64Array(0), penalty: new Float64Array(0) };
  return {
    pointsFor: (papers) => pointsFor(c, papers, scratch, ranked),
    keeps: (paper) => c.liked.has(paper.id),
    explain: (paper) => explain(c, paper, scratch, ranked),
  };
}
