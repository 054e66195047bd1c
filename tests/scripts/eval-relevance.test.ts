/**
 * The relevance evaluation: its metrics against hand-computed values, and — when the shared
 * judgements sit next to the clone (RELEVANCE_DATA, or ../shared/data) — the targets on the
 * recorded day. Without them that part says so in one line and does not run.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRelevance, loadRelevance } from '../../scripts/eval/evaluate-relevance';
import { chanceAt, ndcgAt, precisionAt } from '../../scripts/eval/rank-metrics';

describe('rank metrics', () => {
  const grades = new Map([
    ['a', 2],
    ['b', 1],
    ['c', 0],
    ['d', 0],
  ]);

  it('precision@k counts papers graded ≥ 1 among the first k', () => {
    expect(precisionAt(2, ['a', 'c', 'b', 'd'], grades)).toBe(0.5);
    expect(precisionAt(4, ['c', 'd', 'a', 'b'], grades)).toBe(0.5);
  });

  it('nDCG@k is 1 for the ideal order and discounts a relevant paper shown late', () => {
    expect(ndcgAt(2, ['a', 'b', 'c', 'd'], grades)).toBeCloseTo(1, 10);
    // gains 2^g − 1: ideal@2 = 3 + 1/log2(3); shown: c, a → 3/log2(3)
    expect(ndcgAt(2, ['c', 'a', 'b', 'd'], grades)).toBeCloseTo(3 / Math.log2(3) / (3 + 1 / Math.log2(3)), 10);
  });

  it('chance is the expectation over random orders', () => {
    const { precision, ndcg } = chanceAt(2, grades);
    expect(precision).toBe(0.5);
    // mean gain (3 + 1 + 0 + 0) / 4 = 1 at every rank
    expect(ndcg).toBeCloseTo((1 + 1 / Math.log2(3)) / (3 + 1 / Math.log2(3)), 10);
  });
});

const loaded = loadRelevance();
if ('missing' in loaded) console.warn(`[eval:relevance] judged-day targets skipped: ${loaded.missing} is not there (set RELEVANCE_DATA)`);

describe.runIf(!('missing' in loaded))('targets on the judged day', () => {
  it('likes alone reach 3 × chance, and likes with keywords the better of the two (within 0.05)', () => {
    if ('missing' in loaded) return;
    const rows = Object.fromEntries(evaluateRelevance(loaded.data, loaded.papers).rows.map((r) => [r.name, r]));
    expect(rows['likes only']!.precision).toBeGreaterThanOrEqual(3 * rows.chance!.precision);
    const both = rows['likes + keywords']!;
    expect(both.precision).toBeGreaterThanOrEqual(Math.max(rows['keywords only']!.precision, rows['likes only']!.precision) - 0.05);
    expect(both.ndcg).toBeGreaterThanOrEqual(Math.max(rows['keywords only']!.ndcg, rows['likes only']!.ndcg) - 0.05);
  });
});
