/**
 * 4b. Learned relevance: quality on the recorded, judged day (scripts/eval/evaluate-relevance.ts;
 * "pending" when the judgements are not next to the clone) and cost: 100 profiles with learned
 * models ranking 5,000 papers (keywords + likes, the feed's path) against the same profiles with
 * keywords only, training one profile on 500 liked papers of a 5,000-paper window, and (with
 * EMBEDDINGS_MODEL) computing one profile's embedding points over 5,000 stored vectors.
 */
import { performance } from 'node:perf_hooks';
import type { Paper } from '../../lib/model/paper';
import { ProfileSchema } from '../../lib/model/profile';
import { compileRules, rankWith, type ExtraScore } from '../../lib/score/rank-papers';
import { compileLearned } from '../../lib/score/learned/score-learned';
import { trainLearnedModel } from '../../lib/score/learned/train-model';
import { embeddingPoints, MAX_EMBEDDED_FEEDBACK, MAX_EMBEDDED_WINDOW } from '../../lib/score/learned/embedding-points';
import { indexWindow } from '../../lib/score/learned/window-index';
import { CUTOFF, evaluateRelevance, loadRelevance } from '../eval/evaluate-relevance';
import { BUSY_SOURCES } from './data/bench-days';
import { buildProfiles } from './data/build-profiles';
import { syntheticWindow } from './bench-score';
import { figure, fmt, median, ms, pending, timeRuns, type Figure } from './harness';

const SECTION = '4b learned relevance';
const PROFILES = 100;
const WINDOW = 5_000;
const LIKES_PER_PROFILE = 20;
const DISLIKES_PER_PROFILE = 5;
const LIKES_TO_TRAIN = 500;

/** Profile i likes and dislikes papers spread over the window, a different stride each. */
function feedbackOf(papers: Paper[], i: number): { liked: string[]; disliked: string[] } {
  const pick = (count: number, offset: number) => Array.from({ length: count }, (_, k) => papers[(offset + k * (37 + i)) % papers.length]!.id);
  return { liked: pick(LIKES_PER_PROFILE, i * 13), disliked: pick(DISLIKES_PER_PROFILE, i * 13 + 7) };
}

function qualityFigures(): Figure[] {
  const loaded = loadRelevance();
  if ('missing' in loaded) return [pending(SECTION, `P@${CUTOFF} / nDCG@${CUTOFF} on the judged day`, `${loaded.missing} is not there`)];
  const report = evaluateRelevance(loaded.data, loaded.papers);
  const row = (name: string) => report.rows.find((r) => r.name === name)!;
  const [chance, keywords, likes, both] = [row('chance'), row('keywords only'), row('likes only'), row('likes + keywords')];
  const better = Math.max(keywords.precision, likes.precision);
  return [
    ...report.rows.map((r) =>
      figure({ section: SECTION, what: `${r.name}: P@${CUTOFF} (nDCG@${CUTOFF})`, value: `${fmt(r.precision, 3)} (${fmt(r.ndcg, 3)})` }),
    ),
    figure({
      section: SECTION,
      what: `likes only ÷ chance, P@${CUTOFF}`,
      value: fmt(likes.precision / chance.precision, 1),
      target: { op: '>=', limit: 3, on: likes.precision / chance.precision },
      note: `${report.persona}, liked ${report.liked.join(', ')}; ${report.relevant} of the ${report.ranked} other papers graded ≥ 1.`,
    }),
    figure({
      section: SECTION,
      what: `likes + keywords − better of the two, P@${CUTOFF}`,
      value: fmt(both.precision - better, 3),
      target: { op: '>=', limit: -0.05, on: both.precision - better },
      note: `nDCG@${CUTOFF}: ${fmt(both.ndcg - Math.max(keywords.ndcg, likes.ndcg), 3)} against the better of the two.`,
    }),
  ];
}

async function scoringFigure(papers: Paper[]): Promise<Figure> {
  const bodies = buildProfiles(PROFILES, { categories: BUSY_SOURCES, days: 7, limit: 50 }).map((p) => ProfileSchema.parse(p));
  const rules = bodies.map(compileRules);
  const learned = bodies.map((_, i) => {
    const feedback = feedbackOf(papers, i);
    return compileLearned(trainLearnedModel({ window: papers, ...feedback, now: new Date(0) }), feedback)!;
  });
  const rankAll = (extra: (i: number) => ExtraScore | undefined) => rules.forEach((r, i) => rankWith(r, papers, undefined, extra(i)));
  const coldStart = performance.now();
  // What a pass over every saved profile does: number the window's terms once for all of them.
  indexWindow(papers);
  rankAll((i) => learned[i]);
  const cold = performance.now() - coldStart;
  const withLearned = median(await timeRuns(() => rankAll((i) => learned[i]), 5, 1));
  const keywordsOnly = median(await timeRuns(() => rankAll(() => undefined), 5, 1));
  // A feed request ranks one profile over a window read just now: no index, hash probes.
  const single = median(await timeRuns(() => rankWith(rules[0]!, [...papers], undefined, learned[0]), 5, 1));
  return figure({
    section: SECTION,
    what: `${fmt(WINDOW)} papers × ${PROFILES} profiles, keywords + learned (${LIKES_PER_PROFILE} likes, ${DISLIKES_PER_PROFILE} dislikes each), warm`,
    value: ms(withLearned),
    ratio: { value: withLearned / keywordsOnly, against: `÷ keywords only ${ms(keywordsOnly)}`, digits: 1 },
    target: { op: '<', limit: 1500, on: withLearned, unit: 'ms' },
    note: `first pass (indexes the window's terms once, indexWindow): ${ms(cold)}; one profile without that index: ${ms(single)}.`,
  });
}

async function trainingFigure(papers: Paper[]): Promise<Figure> {
  const liked = papers.filter((_, i) => i % Math.floor(papers.length / LIKES_TO_TRAIN) === 0).slice(0, LIKES_TO_TRAIN).map((p) => p.id);
  const train = () => trainLearnedModel({ window: papers, liked, disliked: [], now: new Date(0) });
  const t = median(await timeRuns(train, 5, 1));
  const model = train();
  return figure({
    section: SECTION,
    what: `training one profile on ${fmt(liked.length)} liked papers (window ${fmt(papers.length)}, term vectors cached)`,
    value: ms(t),
    target: { op: '<', limit: 200, on: t, unit: 'ms' },
    note: `model JSON ${fmt(JSON.stringify(model).length / 1024, 0)} KB (${model.classifier?.weights.length ?? 0} weights, ${model.liked.length} sketches).`,
  });
}

/** text-embedding-3-small's size. */
const EMBEDDING_DIMENSIONS = 1_536;

/** Deterministic unit vectors (a fixed LCG): the cost does not depend on what they say. */
function syntheticVectors(count: number, seed: number): Float32Array[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: EMBEDDING_DIMENSIONS }, () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

async function embeddingFigure(): Promise<Figure> {
  const input = { papers: syntheticVectors(MAX_EMBEDDED_WINDOW, 1), liked: syntheticVectors(MAX_EMBEDDED_FEEDBACK, 2), disliked: syntheticVectors(MAX_EMBEDDED_FEEDBACK, 3) };
  const t = median(await timeRuns(() => embeddingPoints(input), 5, 1));
  return figure({
    section: SECTION,
    what: `embedding points of one profile: ${fmt(MAX_EMBEDDED_WINDOW)} papers × (${MAX_EMBEDDED_FEEDBACK} liked + ${MAX_EMBEDDED_FEEDBACK} disliked), ${fmt(EMBEDDING_DIMENSIONS)} dimensions`,
    value: ms(t),
    target: { op: '<', limit: 500, on: t, unit: 'ms' },
    note: 'computed by the summarize job and on a feedback change, never per feed request.',
  });
}

export async function benchRelevance(): Promise<Figure[]> {
  const papers = syntheticWindow(WINDOW);
  return [...qualityFigures(), await scoringFigure(papers), await trainingFigure(papers), await embeddingFigure()];
}
