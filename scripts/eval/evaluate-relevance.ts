/**
 * The relevance evaluation behind `npm run eval:relevance` and the bench: one recorded day with
 * graded judgements for one persona. Likes the first LIKED_COUNT core papers by id (a fixed
 * choice, not a good one) and ranks all the other graded papers four ways — chance, the persona's
 * keywords, the likes alone, likes and keywords — reporting precision@k and nDCG@k of each.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseAnnouncements } from '../../lib/arxiv/parse-announcements';
import type { Paper } from '../../lib/model/paper';
import { rankPapers, type ExtraScore } from '../../lib/score/rank-papers';
import { compileLearned } from '../../lib/score/learned/score-learned';
import { trainLearnedModel } from '../../lib/score/learned/train-model';
import { chanceAt, ndcgAt, precisionAt } from './rank-metrics';

export const RelevanceDataSchema = z.object({
  persona: z.string(),
  description: z.string(),
  grades: z.record(z.string(), z.number().int().min(0).max(2)),
});
export type RelevanceData = z.infer<typeof RelevanceDataSchema>;

/**
 * Each persona's keywords, written down from its description alone (the nouns it names), not
 * from the judgements: the keyword row is what a reader would type, not the best possible list.
 */
export const PERSONA_KEYWORDS: Record<string, string[]> = {
  'llm-systems': ['inference', 'serving', 'KV cache', 'speculative decoding', 'quantization', 'sparsity', 'attention', 'kernel', 'distributed', 'parallel', 'memory', 'communication', 'GPU', 'accelerator'],
};

export const LIKED_COUNT = 5;
export const CUTOFF = 20;

export type RelevanceRow = { name: string; precision: number; ndcg: number };
export type RelevanceReport = {
  persona: string;
  liked: string[];
  /** Papers ranked (graded, not liked) and how many of them are graded ≥ 1. */
  ranked: number;
  relevant: number;
  rows: RelevanceRow[];
  trainMs: number;
};

/** Where a clone keeps the shared judgements: next to the repository, not in it. */
const DEFAULT_DATA = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'relevance-dev.json');
const RECORDED_DAY = '../fixtures/arxiv/rss/aioarxiv_2024-11-28_rss_all_archives.xml';

/**
 * The judgements file (`argument`, else RELEVANCE_DATA, else the workspace's shared/data/relevance-dev.json
 * beside the clone, when there is one)
 * and the recorded day it grades (RELEVANCE_DAY_XML, else the fixture path the judgements name,
 * relative to them).
 */
export function relevancePaths(argument?: string): { data: string; day: string } {
  const data = path.resolve(argument || process.env.RELEVANCE_DATA || DEFAULT_DATA);
  return { data, day: path.resolve(process.env.RELEVANCE_DAY_XML || path.join(path.dirname(data), RECORDED_DAY)) };
}

/** The judgements and their papers, or the first path that is not there. */
export function loadRelevance(argument?: string): { data: RelevanceData; papers: Paper[] } | { missing: string } {
  const paths = relevancePaths(argument);
  const missing = [paths.data, paths.day].find((p) => !existsSync(p));
  if (missing) return { missing };
  const data = RelevanceDataSchema.parse(JSON.parse(readFileSync(paths.data, 'utf8')));
  return { data, papers: gradedPapers(data, readFileSync(paths.day, 'utf8')) };
}

/** The graded papers of the recorded day, in the judgements' order; throws when one is missing. */
export function gradedPapers(data: RelevanceData, xml: string): Paper[] {
  const byId = new Map(parseAnnouncements(xml).papers.map((p) => [p.id, p]));
  const missing = Object.keys(data.grades).filter((id) => !byId.has(id));
  if (missing.length) throw new Error(`${missing.length} graded papers are not in the recorded day (first: ${missing[0]})`);
  return Object.keys(data.grades).map((id) => byId.get(id)!);
}

/** The four rankings of every graded paper but the liked ones. */
function rankRows(data: RelevanceData, papers: Paper[], liked: string[]): { rows: RelevanceRow[]; trainMs: number; rest: Paper[]; grades: Map<string, number> } {
  const keywords = PERSONA_KEYWORDS[data.persona];
  if (!keywords) throw new Error(`no keywords written down for persona ${JSON.stringify(data.persona)}`);
  const rest = papers.filter((p) => !liked.includes(p.id));
  const grades = new Map(rest.map((p) => [p.id, data.grades[p.id]!]));
  const started = performance.now();
  const model = trainLearnedModel({ window: papers, liked, disliked: [], now: new Date(0) });
  const trainMs = performance.now() - started;
  const learned = compileLearned(model, { liked, disliked: [] })!;
  const rank = (terms: string[], extra?: ExtraScore) =>
    rankPapers(rest, { keywords: terms, exclude: [], authors: [], min_score: 0 }, undefined, extra).map((s) => s.paper.id);
  const row = (name: string, ids: string[]): RelevanceRow => ({ name, precision: precisionAt(CUTOFF, ids, grades), ndcg: ndcgAt(CUTOFF, ids, grades) });
  const rows = [
    { name: 'chance', ...chanceAt(CUTOFF, grades) },
    row('keywords only', rank(keywords)),
    row('likes only', rank([], learned)),
    row('likes + keywords', rank(keywords, learned)),
  ];
  return { rows, trainMs, rest, grades };
}

const coreIds = (data: RelevanceData) => Object.keys(data.grades).filter((id) => data.grades[id] === 2).sort();

/** The fixed choice: the first LIKED_COUNT core papers by id. */
export function evaluateRelevance(data: RelevanceData, papers: Paper[]): RelevanceReport {
  const liked = coreIds(data).slice(0, LIKED_COUNT);
  const { rows, trainMs, rest, grades } = rankRows(data, papers, liked);
  return { persona: data.persona, liked, ranked: rest.length, relevant: [...grades.values()].filter((g) => g > 0).length, rows, trainMs };
}

/** Every way to pick LIKED_COUNT of the core papers, at most `max` of them (evenly spread). */
function likeChoices(core: string[], max: number): string[][] {
  const all: string[][] = [];
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === LIKED_COUNT) all.push(chosen);
    else for (let i = from; i < core.length; i++) pick(i + 1, [...chosen, core[i]!]);
  };
  pick(0, []);
  const step = Math.max(1, Math.ceil(all.length / max));
  return all.filter((_, i) => i % step === 0);
}

/**
 * The same rankings averaged over every choice of LIKED_COUNT core papers: how much the fixed
 * choice's figures owe to which papers happen to come first by id.
 */
export function evaluateAllChoices(data: RelevanceData, papers: Paper[], max = 100): { choices: number; rows: RelevanceRow[] } {
  const runs = likeChoices(coreIds(data), max).map((liked) => rankRows(data, papers, liked).rows);
  const mean = (i: number, key: 'precision' | 'ndcg') => runs.reduce((sum, rows) => sum + rows[i]![key], 0) / runs.length;
  return { choices: runs.length, rows: runs[0]!.map((r, i) => ({ name: r.name, precision: mean(i, 'precision'), ndcg: mean(i, 'ndcg') })) };
}
