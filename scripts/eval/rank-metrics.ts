/**
 * Ranking quality against graded judgements: precision@k (a paper counts when graded ≥ 1) and
 * nDCG@k with the usual exponential gain 2^grade − 1, so one core paper (2) is worth three related
 * ones (1). Chance is the expectation over uniformly random orders, computed exactly.
 */
export type Grades = ReadonlyMap<string, number>;

const gain = (grade: number) => 2 ** grade - 1;
const discount = (rank: number) => 1 / Math.log2(rank + 2);

export function precisionAt(k: number, ranked: readonly string[], grades: Grades): number {
  return ranked.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length / k;
}

function idealDcg(k: number, grades: Grades): number {
  const best = [...grades.values()].sort((a, b) => b - a).slice(0, k);
  return best.reduce((sum, g, i) => sum + gain(g) * discount(i), 0);
}

export function ndcgAt(k: number, ranked: readonly string[], grades: Grades): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(grades.get(id) ?? 0) * discount(i), 0);
  const ideal = idealDcg(k, grades);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Expected precision@k and nDCG@k of a random order of the graded papers. */
export function chanceAt(k: number, grades: Grades): { precision: number; ndcg: number } {
  const all = [...grades.values()];
  const relevantShare = all.filter((g) => g > 0).length / all.length;
  const meanGain = all.reduce((sum, g) => sum + gain(g), 0) / all.length;
  const shown = Math.min(k, all.length);
  let discounts = 0;
  for (let i = 0; i < shown; i++) discounts += discount(i);
  const ideal = idealDcg(k, grades);
  return { precision: (relevantShare * shown) / k, ndcg: ideal > 0 ? (meanGain * discounts) / ideal : 0 };
}
