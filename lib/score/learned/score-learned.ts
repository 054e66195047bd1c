/**
 * Scores papers with a profile's learned model, on the keyword scale (rank-papers.ts):
 * - likes add 0 to LIKE_MAX_POINTS: none at or below the classifier's value for the median
 *   window paper, then LIKE_MAX_POINTS × tanh(z), z = 1 at the window's 95th percentile — strictly
 *   increasing, so papers the likes favour keep their order instead of tying at a cap;
 * - dislikes take 0 to DISLIKE_MAX_POINTS from a paper that resembles a disliked paper more than
 *   any liked one (by more than DISLIKE_SIMILARITY_FLOOR, fully at DISLIKE_SIMILARITY_SPAN more);
 * - a liked paper itself gets the full like points and says so; a disliked one the full penalty.
 * One pass over the paper's terms does both: each term is looked up once in a table holding the
 * classifier's weight and the sketches that contain it. Points are rounded to hundredths, the
 * same numbers in the score and in its explanation.
 */
import type { Paper } from '../../model/paper';
import type { Match } from '../rank-papers';
import { DISLIKE_MAX_POINTS, LIKE_MAX_POINTS, type Classifier, type LearnedModel, type PaperSketch } from './learned-model';
import { TermTable } from './term-table';
import { termHash, termVector } from './term-vector';

/** A paper must resemble a disliked paper at least this much more than any liked one to lose points. */
export const DISLIKE_SIMILARITY_FLOOR = 0.1;
/** …and loses all DISLIKE_MAX_POINTS at this much more (similarity 1 = the disliked paper itself). */
export const DISLIKE_SIMILARITY_SPAN = 0.3;

export type LearnedScorer = {
  /** Points the feedback adds to a paper's score (negative when a dislike outweighs). */
  pointsOf(paper: Paper): number;
  /** A liked paper is shown whatever `min_score` says. */
  keeps(paper: Paper): boolean;
  explain(paper: Paper): Match[];
};

type Compiled = {
  table: TermTable;
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
  liked: Set<string>;
  disliked: Set<string>;
};

/** Points, and the nearest liked and disliked sketch (-1: none shares a term). */
type Evaluation = { like: number; penalty: number; nearestLiked: number; nearestDisliked: number };

/** Per-scorer scratch: similarity to each sketch, and which ones the current paper touched. */
type Scratch = { sims: Float64Array; touched: Int32Array };

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);
const hundredths = (x: number) => Math.round(x * 100) / 100;

function compile(model: LearnedModel | null, liked: Set<string>, disliked: Set<string>): Compiled {
  const sketches = [...(model?.liked ?? []).filter((s) => liked.has(s.id)), ...(model?.disliked ?? []).filter((s) => disliked.has(s.id))];
  const table = new TermTable();
  const entry = (term: string) => table.add(termHash(term));
  const weights = (model?.classifier?.weights ?? []).map(([term, w]) => [entry(term), w] as const);
  const postings = sketches.flatMap((s, k) => s.terms.map(([term, x]) => [entry(term), k, x / s.self] as const));
  const size = table.size;
  const weight = new Float32Array(size);
  for (const [e, w] of weights) weight[e] = w;
  const postStart = new Int32Array(size + 1);
  for (const [e] of postings) postStart[e + 1]!++;
  for (let e = 0; e < size; e++) postStart[e + 1]! += postStart[e]!;
  const fill = postStart.slice(0, size);
  const postSketch = new Int32Array(postings.length);
  const postValue = new Float32Array(postings.length);
  for (const [e, k, v] of postings) {
    const at = fill[e]!++;
    postSketch[at] = k;
    postValue[at] = v;
  }
  const likedSketches = sketches.filter((s) => liked.has(s.id)).length;
  return { table, weight, postStart, postSketch, postValue, sketches, likedSketches, classifier: model?.classifier ?? null, liked, disliked };
}

/** Adds the paper's similarity to every sketch sharing a term with it; returns how many were touched. */
function accumulate(c: Compiled, ids: Int32Array, values: Float32Array, scratch: Scratch | null): { decision: number; touched: number } {
  let decision = c.classifier?.bias ?? 0;
  let touched = 0;
  for (let i = 0; i < ids.length; i++) {
    const e = c.table.find(ids[i]!);
    if (e < 0) continue;
    const tf = values[i]!;
    decision += c.weight[e]! * tf;
    if (!scratch) continue;
    for (let k = c.postStart[e]!; k < c.postStart[e + 1]!; k++) {
      const s = c.postSketch[k]!;
      if (scratch.sims[s] === 0) scratch.touched[touched++] = s;
      scratch.sims[s]! += c.postValue[k]! * tf;
    }
  }
  return { decision, touched };
}

function evaluate(c: Compiled, paper: Paper, scratch: Scratch | null): Evaluation {
  const { ids, values } = termVector(paper);
  const { decision, touched } = accumulate(c, ids, values, scratch);
  let nearestLiked = -1;
  let nearestDisliked = -1;
  const sims = scratch?.sims;
  // Ties go to the earlier sketch, so an explanation does not depend on the order of terms.
  const closer = (s: number, best: number) => best < 0 || sims![s]! > sims![best]! || (sims![s] === sims![best] && s < best);
  for (let t = 0; t < touched; t++) {
    const s = scratch!.touched[t]!;
    if (s < c.likedSketches) {
      if (closer(s, nearestLiked)) nearestLiked = s;
    } else if (closer(s, nearestDisliked)) nearestDisliked = s;
  }
  const simLiked = Math.max(DISLIKE_SIMILARITY_FLOOR, nearestLiked < 0 ? 0 : sims![nearestLiked]!);
  const simDisliked = nearestDisliked < 0 ? 0 : sims![nearestDisliked]!;
  for (let t = 0; t < touched; t++) sims![scratch!.touched[t]!] = 0;
  const k = c.classifier;
  const like = c.liked.has(paper.id) ? LIKE_MAX_POINTS : k ? LIKE_MAX_POINTS * Math.tanh(Math.max(0, (decision - k.low) / (k.high - k.low))) : 0;
  const penalty = c.disliked.has(paper.id) ? DISLIKE_MAX_POINTS : DISLIKE_MAX_POINTS * clamp01((simDisliked - simLiked) / DISLIKE_SIMILARITY_SPAN);
  return { like: hundredths(like), penalty: hundredths(penalty), nearestLiked, nearestDisliked };
}

function explain(c: Compiled, paper: Paper, scratch: Scratch): Match[] {
  const { like, penalty, nearestLiked, nearestDisliked } = evaluate(c, paper, scratch);
  const matches: Match[] = [];
  if (c.liked.has(paper.id)) matches.push({ where: 'liked', term: paper.title, id: paper.id, points: like });
  else if (like > 0) {
    // The classifier can favour a paper that shares no strong term with any one liked paper.
    const s = c.sketches[Math.max(0, nearestLiked)];
    if (s) matches.push({ where: 'similar', term: s.title, id: s.id, points: like });
    else matches.push({ where: 'similar', term: 'your liked papers', points: like });
  }
  if (c.disliked.has(paper.id)) matches.push({ where: 'disliked', term: paper.title, id: paper.id, points: -penalty });
  else if (penalty > 0) {
    const s = c.sketches[nearestDisliked]!;
    matches.push({ where: 'disliked', term: s.title, id: s.id, points: -penalty });
  }
  return matches;
}

/** The scorer of a profile's feedback, or null when it has none. `model` may be missing or older than the lists. */
export function compileLearned(model: LearnedModel | null, feedback: { liked: readonly string[]; disliked: readonly string[] }): LearnedScorer | null {
  if (!feedback.liked.length && !feedback.disliked.length) return null;
  const c = compile(model, new Set(feedback.liked), new Set(feedback.disliked));
  const scratch: Scratch = { sims: new Float64Array(c.sketches.length), touched: new Int32Array(c.sketches.length) };
  // Without dislikes the similarities only name the nearest liked paper: needed for explaining, not for points.
  const pointsScratch = c.sketches.length > c.likedSketches ? scratch : null;
  return {
    pointsOf(paper) {
      const { like, penalty } = evaluate(c, paper, pointsScratch);
      return hundredths(like - penalty);
    },
    keeps: (paper) => c.liked.has(paper.id),
    explain: (paper) => explain(c, paper, scratch),
  };
}
