/**
 * The learned ranking on its own: term vectors, the SVM, training from feedback and scoring on the
 * keyword scale, with topical corpora whose right answers are known (learned-papers.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/model/paper';
import { RANKED_DEFAULT_LIMIT } from '../../lib/model/profile';
import { rankPapers } from '../../lib/score/rank-papers';
import { feedLimit } from '../../lib/select/feed-limit';
import { rankingReadsText } from '../../lib/select/select-papers';
import { DISLIKE_MAX_POINTS, LIKE_MAX_POINTS, LearnedModelSchema, type LearnedModel } from '../../lib/score/learned/learned-model';
import { compileLearned } from '../../lib/score/learned/score-learned';
import { termHash, termVector } from '../../lib/score/learned/term-vector';
import { trainLinearSvm } from '../../lib/score/learned/train-linear-svm';
import { trainLearnedModel } from '../../lib/score/learned/train-model';
import { indexWindow } from '../../lib/score/learned/window-index';
import { topicPaper, topicWindow } from './learned-papers';

const NOW = new Date('2025-01-10T12:00:00Z');
const window = topicWindow(12);
const liked = ['serving', 'serving', 'serving'].map((t, n) => topicPaper(t as 'serving', n).id);
const train = (feedback: { liked?: string[]; disliked?: string[] }, papers: Paper[] = window, previous?: LearnedModel) =>
  trainLearnedModel({ window: papers, liked: feedback.liked ?? [], disliked: feedback.disliked ?? [], previous, now: NOW });
const scorer = (model: LearnedModel, feedback: { liked?: string[]; disliked?: string[] }) =>
  compileLearned(model, { liked: feedback.liked ?? [], disliked: feedback.disliked ?? [] })!;
const pointsOf = (s: ReturnType<typeof scorer>, papers: Paper[]) => Array.from(s.pointsFor(papers));

describe('term vectors', () => {
  it('have unit length, hold words and neighbouring pairs, and leave out stop words', () => {
    const v = termVector({ title: 'The KV cache of the model', abstract: 'We compress the KV cache.' });
    expect(Math.hypot(...v.values)).toBeCloseTo(1, 5);
    const has = (term: string) => v.ids.includes(termHash(term));
    expect(has('kv cache')).toBe(true);
    expect(has('compress')).toBe(true);
    expect(has('the')).toBe(false);
    // a pair never spans the title and the abstract
    expect(has('model compress')).toBe(false);
    expect([...v.ids]).toEqual([...v.ids].sort((a, b) => a - b));
  });

  it('count a repeated term sublinearly: twice weighs 1 + ln 2, not 2', () => {
    const v = termVector({ title: 'cache', abstract: 'cache gpu' });
    const at = (term: string) => v.values[v.ids.indexOf(termHash(term))]!;
    expect(at('cache') / at('gpu')).toBeCloseTo(1 + Math.log(2), 5);
  });
});

describe('linear SVM', () => {
  it('separates two clusters, positives on the positive side', () => {
    const sample = (a: number, b: number, label: 1 | -1) => ({ index: Int32Array.of(0, 1), value: Float32Array.of(a, b), label });
    const samples = [sample(1, 0.1, 1), sample(0.9, 0.2, 1), sample(0.1, 1, -1), sample(0.2, 0.9, -1), sample(0, 0.8, -1)];
    const { weights, bias } = trainLinearSvm(samples, 2, { c: 1 });
    for (const s of samples) expect(Math.sign(weights[0]! * s.value[0]! + weights[1]! * s.value[1]! + bias)).toBe(s.label);
  });
});

describe('training and scoring', () => {
  const model = train({ liked });
  const s = scorer(model, { liked });

  it('gives fresh papers on the liked subject more points than papers on other subjects', () => {
    const fresh = [topicPaper('serving', 40), topicPaper('proteins', 40), topicPaper('robots', 40)];
    const [serving, proteins, robots] = pointsOf(s, fresh);
    expect(serving).toBeGreaterThan(1);
    expect(serving).toBeGreaterThan(proteins! + 1);
    expect(serving).toBeGreaterThan(robots! + 1);
    for (const p of [serving, proteins, robots]) expect(p).toBeLessThanOrEqual(LIKE_MAX_POINTS);
  });

  it('explains a paper by the liked paper it most resembles, with the points it added', () => {
    const paper = topicPaper('serving', 3);
    const [points] = pointsOf(s, [paper]);
    const [match] = s.explain(paper);
    expect(match).toMatchObject({ where: 'similar', points });
    expect(liked).toContain(match!.id);
    expect(match!.term).toBe(window.find((p) => p.id === match!.id)!.title);
  });

  it('marks a liked paper as liked, with the full points, and keeps it past min_score', () => {
    const paper = window.find((p) => p.id === liked[0])!;
    expect(s.explain(paper)).toEqual([{ where: 'liked', term: paper.title, id: paper.id, points: LIKE_MAX_POINTS }]);
    const ranked = rankPapers(window, { keywords: ['protein'], exclude: [], authors: [], min_score: 5 }, undefined, s);
    expect(ranked.map((r) => r.paper.id).sort()).toEqual([...liked].sort());
  });

  it('lets exclude terms remove even a liked paper', () => {
    const ranked = rankPapers(window, { keywords: [], exclude: ['serving study 0'], authors: [], min_score: 0 }, undefined, s);
    expect(ranked.map((r) => r.paper.id)).not.toContain(liked[0]);
    expect(ranked.map((r) => r.paper.id)).toContain(liked[1]);
  });

  it('scores the same through a window index (many profiles, one window) as by hash probes, likes and dislikes', () => {
    const disliked = [topicPaper('robots', 2).id];
    const both = scorer(train({ liked, disliked }), { liked, disliked });
    const papers = [...window];
    const direct = [pointsOf(s, papers), pointsOf(both, papers)];
    indexWindow(papers);
    const indexed = [pointsOf(s, papers), pointsOf(both, papers)];
    // the same sums in another order: equal once rounded to hundredths
    indexed.forEach((points, k) => points.forEach((p, i) => expect(p).toBeCloseTo(direct[k]![i]!, 6)));
    expect(direct[1]!.some((p, i) => p < direct[0]![i]!)).toBe(true);
    // and the explanation repeats the points the ranking gave
    const paper = papers.find((p) => p.id === topicPaper('robots', 7).id)!;
    expect(both.explain(paper).reduce((sum, m) => sum + m.points, 0)).toBeCloseTo(indexed[1]![papers.indexOf(paper)]!, 6);
  });

  it('stores a model that parses back, with terms spelled out', () => {
    const back = LearnedModelSchema.parse(JSON.parse(JSON.stringify(model)));
    expect(back.liked.map((k) => k.id)).toEqual(liked);
    expect(back.classifier!.weights.some(([term]) => term === 'kv cache')).toBe(true);
    expect(back.notFound).toEqual([]);
  });
});

describe('dislikes', () => {
  const disliked = [topicPaper('proteins', 0).id];
  const without = scorer(train({ liked }), { liked });
  const withDislike = scorer(train({ liked, disliked }), { liked, disliked });

  it('push papers resembling the disliked one down and never lift any paper up', () => {
    const before = pointsOf(without, window);
    const after = pointsOf(withDislike, window);
    after.forEach((p, i) => expect(p, window[i]!.id).toBeLessThanOrEqual(before[i]!));
    const proteinPaper = window.findIndex((p) => p.id === topicPaper('proteins', 6).id);
    expect(after[proteinPaper]!).toBeLessThan(before[proteinPaper]!);
  });

  it('say which disliked paper took the points', () => {
    const paper = topicPaper('proteins', 6);
    const match = withDislike.explain(paper).find((m) => m.where === 'disliked')!;
    expect(match).toMatchObject({ id: disliked[0], term: topicPaper('proteins', 0).title });
    expect(match.points).toBeLessThan(0);
    expect(withDislike.explain(topicPaper('proteins', 0))).toContainEqual(expect.objectContaining({ where: 'disliked', points: -DISLIKE_MAX_POINTS }));
  });

  it('sink below zero without being hidden at min_score 0', () => {
    const ranked = rankPapers(window, { keywords: [], exclude: [], authors: [], min_score: 0 }, undefined, withDislike);
    expect(ranked).toHaveLength(window.length);
    expect(ranked.at(-1)!.score).toBeLessThan(0);
  });
});

describe('feedback that changes or ages', () => {
  it('forgets a cleared like at once, before any retraining', () => {
    const model = train({ liked });
    const kept = liked.slice(1);
    const s = scorer(model, { liked: kept });
    const paper = window.find((p) => p.id === liked[0])!;
    expect(s.explain(paper).some((m) => m.where === 'liked')).toBe(false);
    expect(s.keeps(paper)).toBe(false);
  });

  it('keeps learning from a liked paper that has left the window, through its sketch', () => {
    const first = train({ liked });
    const later = topicWindow(12, '2025-02-10').filter((p) => !liked.includes(p.id)).map((p) => ({ ...p, id: p.id.replace('2501', '2502') }));
    const again = train({ liked }, later, first);
    expect(again.notFound).toEqual([]);
    expect(again.liked.map((k) => k.id)).toEqual(liked);
    const s = scorer(again, { liked });
    const [serving, proteins] = pointsOf(s, [topicPaper('serving', 50), topicPaper('proteins', 50)]);
    expect(serving).toBeGreaterThan(proteins! + 1);
  });

  it('names a liked paper it has never seen as not found, and trains on the rest', () => {
    const model = train({ liked: [...liked, '2401.00001'] });
    expect(model.notFound).toEqual(['2401.00001']);
    expect(model.liked).toHaveLength(liked.length);
  });

  it('stays within its bounds with 500 liked papers', () => {
    const many = Array.from({ length: 600 }, (_, n) => topicPaper((['serving', 'proteins', 'robots'] as const)[n % 3], n));
    const model = train({ liked: many.slice(0, 500).map((p) => p.id) }, many);
    expect(model.classifier!.weights.length).toBeLessThanOrEqual(1500);
    expect(JSON.stringify(model).length).toBeLessThan(512 * 1024);
  });
});

describe('a profile with feedback', () => {
  it('counts as ranked (the default limit applies) once it likes a paper, and reads the papers\' text', () => {
    const none = { keywords: [], authors: [], exclude: [] };
    expect(feedLimit({ ...none, liked: [liked[0]!] })).toEqual({ limit: RANKED_DEFAULT_LIMIT, source: 'ranked-default' });
    expect(feedLimit({ ...none, liked: [] }).source).toBe('maximum');
    expect(rankingReadsText({ ...none, disliked: [liked[0]!] })).toBe(true);
    expect(rankingReadsText(none)).toBe(false);
  });
});
