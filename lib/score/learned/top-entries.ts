/**
 * Indexes of the `k` largest values (by magnitude when asked), largest first, ties by the
 * smaller key, so one input always gives one order. Finds the threshold with a typed-array sort
 * (no comparator calls) and orders only what passes it: a classifier has ~100k weights and keeps
 * 1,500, a paper ~250 terms and its sketch 16.
 */
export function topEntries(values: ArrayLike<number>, keys: ArrayLike<number>, k: number, byMagnitude = false): number[] {
  if (k <= 0 || values.length === 0) return [];
  const sizes = new Float64Array(values.length);
  for (let i = 0; i < sizes.length; i++) sizes[i] = byMagnitude ? Math.abs(values[i]!) : values[i]!;
  const threshold = sizes.slice().sort()[Math.max(0, sizes.length - k)]!;
  const passing: number[] = [];
  for (let i = 0; i < sizes.length; i++) if (sizes[i]! >= threshold) passing.push(i);
  passing.sort((a, b) => sizes[b]! - sizes[a]! || keys[a]! - keys[b]!);
  return passing.slice(0, k);
}
