/**
 * Learned points from embeddings (lib/score/learned/embedding-points.ts) on vectors with a known
 * right answer: three subjects along three axes, each paper its subject's axis plus a little of
 * the others. Likes lift their subject, dislikes only take points, newer feedback weighs more.
 */
import { describe, expect, it } from 'vitest';
import { embeddingPoints, EMBEDDING_HALF_LIFE } from '../../lib/score/learned/embedding-points';
import { LIKE_MAX_POINTS } from '../../lib/score/learned/learned-model';
import { unitVector } from '../../lib/store/embeddings';

const DIMS = 8;

/** Paper `n` of subject `axis` (0–2): mostly that axis, with a deterministic sprinkle of the rest. */
function vector(axis: number, n: number): Float32Array {
  const v = Array.from({ length: DIMS }, (_, d) => (d === axis ? 1 : 0.15 * Math.sin(n * 7.1 + d * 3.3 + axis)));
  return unitVector(v)!;
}

const papers = [0, 1, 2].flatMap((axis) => Array.from({ length: 10 }, (_, n) => ({ axis, vector: vector(axis, n + 1) })));
const vectors = papers.map((p) => p.vector);
const meanOf = (points: number[], axis: number) => {
  const own = points.filter((_, i) => papers[i]!.axis === axis);
  return own.reduce((s, x) => s + x, 0) / own.length;
};

describe('embedding points', () => {
  it("lift papers of the liked subject, and only those, within 0 to LIKE_MAX_POINTS; the nearest like is named", () => {
    const liked = [vector(0, 100), vector(0, 101)];
    const { points, nearest } = embeddingPoints({ liked, disliked: [], papers: vectors });
    expect(points.every((p) => p >= 0 && p <= LIKE_MAX_POINTS)).toBe(true);
    expect(meanOf(points, 0)).toBeGreaterThan(1);
    // 0 at the window's median: off-subject papers just above it get a trace.
    expect(meanOf(points, 1)).toBeLessThan(0.2);
    expect(meanOf(points, 2)).toBeLessThan(0.2);
    const top = points.indexOf(Math.max(...points));
    expect(papers[top]!.axis).toBe(0);
    expect([0, 1]).toContain(nearest[top]);
    expect(nearest.filter((_, i) => points[i] === 0).every((k) => k === -1)).toBe(true);
  });

  it('a dislike takes points from papers like it and lifts none', () => {
    const liked = [vector(0, 100)];
    const alone = embeddingPoints({ liked, disliked: [], papers: vectors }).points;
    const { points, nearest } = embeddingPoints({ liked, disliked: [vector(1, 200)], papers: vectors });
    points.forEach((p, i) => expect(p).toBeLessThanOrEqual(alone[i]!));
    expect(meanOf(points, 1)).toBeLessThan(-1);
    expect(meanOf(points, 2)).toBeGreaterThan(-0.3);
    // the disliked paper is named after the liked ones
    const worst = points.indexOf(Math.min(...points));
    expect(nearest[worst]).toBe(1);
  });

  it('dislikes alone only ever take points', () => {
    const { points } = embeddingPoints({ liked: [], disliked: [vector(2, 300)], papers: vectors });
    expect(points.every((p) => p <= 0)).toBe(true);
    expect(meanOf(points, 2)).toBeLessThan(-1);
  });

  it('weighs newer feedback more: the subject of the newest like ranks above that of an older one', () => {
    const a = vector(0, 100);
    const b = vector(1, 100);
    const newestA = embeddingPoints({ liked: [a, b], disliked: [], papers: vectors }).points;
    const newestB = embeddingPoints({ liked: [b, a], disliked: [], papers: vectors }).points;
    const lead = (points: number[]) => meanOf(points, 0) - meanOf(points, 1);
    expect(lead(newestA)).toBeGreaterThan(lead(newestB));
    // EMBEDDING_HALF_LIFE likes back, one weighs half: 20 old likes of B outweigh 1 new like of A.
    const old = Array.from({ length: 3 * EMBEDDING_HALF_LIFE }, (_, k) => vector(1, 400 + k));
    const crowd = embeddingPoints({ liked: [a, ...old], disliked: [], papers: vectors }).points;
    expect(meanOf(crowd, 1)).toBeGreaterThan(meanOf(crowd, 0));
  });

  it('gives no points without any feedback vector', () => {
    expect(embeddingPoints({ liked: [], disliked: [], papers: vectors }).points.every((p) => p === 0)).toBe(true);
  });
});
