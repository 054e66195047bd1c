/**
 * The seed bot's 150 scored papers (tests/fixtures/seed-snapshots.json): where and why our
 * scores differ from the seed's substring rule, and how the rankings correlate.
 */
import { describe, expect, it } from 'vitest';
import { compareAll, compareSnapshot, explainDifference, kendallTauB, seedPaperToPaper, seedSubstringScore, spearman } from '../../scripts/seed/seed-comparison';
import { seedSnapshots } from './score-helpers';

const find = (id: string) => {
  for (const s of seedSnapshots) {
    const p = s.papers.find((x) => x.id.startsWith(id));
    if (p) return { snapshot: s, paper: seedPaperToPaper(p) };
  }
  throw new Error(`no seed paper ${id}`);
};

describe('where the seed matched substrings', () => {
  it.each([
    ['2602.10480', 'RL', 'world'],
    ['2601.08848', 'RL', 'early'],
    ['2601.09250', 'SSM', 'assessment'],
    ['2512.04545', 'Training', 'retraining'],
    ['2602.11092', 'RL', 'merlin'],
  ])('%s: the seed counted "%s" inside "%s"; we do not', (id, keyword, host) => {
    const { snapshot, paper } = find(id);
    const diff = explainDifference(paper, snapshot.keywords);
    expect(diff.reasons.some((r) => r.startsWith(`"${keyword}" only inside "${host}"`))).toBe(true);
    expect(compareSnapshot(snapshot).papers.find((p) => p.id === id)!.ourScore).toBeLessThan(seedSubstringScore(paper, snapshot.keywords, [])!);
  });

  it('reproduces the seed\'s rule on the visible text of its top paper', () => {
    const { snapshot, paper } = find('2512.04752');
    // RLHF +1.5, Training +1.5, Efficiency +1.5, LLM +1, Inference +1, RL (inside RLHF) +1.5, Efficient? no
    expect(seedSubstringScore(paper, snapshot.keywords, snapshot.exclude_keywords)).toBe(8);
    const ours = compareSnapshot(snapshot).papers.find((p) => p.id === '2512.04752')!;
    expect(ours.ourScore).toBe(6.5);
    expect(ours.reasons).toEqual(['"RL" only inside "rlhfspec" (seed +1.5)']);
  });
});

describe('rank correlation with the seed', () => {
  const { perSnapshot, overall } = compareAll(seedSnapshots);
  it('covers 5 snapshots of 30 papers', () => {
    expect(perSnapshot.map((s) => s.papers.length)).toEqual([30, 30, 30, 30, 30]);
  });
  it('stays close to the seed (the seed was mostly right) but not identical (it matched substrings)', () => {
    expect(overall.spearman).toBeGreaterThan(0.8);
    expect(overall.spearman).toBeLessThan(0.99);
    expect(overall.spearmanSameText).toBeGreaterThan(0.8);
    expect(overall.lostHits / overall.seedHits).toBeGreaterThan(0.05);
    for (const s of perSnapshot) expect(s.kendall).toBeGreaterThan(0.5);
  });
  it('explains every score change on the same text', () => {
    for (const p of perSnapshot.flatMap((s) => s.papers)) {
      if (p.ourScore !== p.substringScore) expect(p.reasons.length, p.id).toBeGreaterThan(0);
    }
  });
});

describe('correlation helpers', () => {
  it('spearman and kendall tau-b on known values', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(kendallTauB([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3);
    expect(kendallTauB([1, 1, 2], [1, 2, 3])).toBeCloseTo(2 / Math.sqrt(2 * 3));
  });
});
