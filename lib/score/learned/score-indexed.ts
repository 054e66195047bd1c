/**
 * Scoring a whole indexed window at once (window-index.ts): every paper's decision value by
 * walking the postings of the model's terms, and, when the profile dislikes anything, every
 * paper's largest similarity to a liked and to a disliked sketch by walking the postings of each
 * sketch's terms. The same sums as the per-paper path (score-learned.ts) in another order, so
 * equal up to the last bits of a double, which rounding points to hundredths absorbs.
 */
import type { CompiledModel } from './compile-learned';
import { termHash } from './term-vector';
import type { WindowIndex } from './window-index';

export function indexedDecisions(c: CompiledModel, index: WindowIndex): Float64Array {
  const decision = new Float64Array(index.papers).fill(c.classifier?.bias ?? 0);
  const hashes = c.table.hashes();
  const { start, paper, tf } = index;
  for (let e = 0; e < hashes.length; e++) {
    const w = c.weight[e]!;
    if (w === 0) continue;
    const t = index.terms.find(hashes[e]!);
    if (t < 0) continue;
    for (let k = start[t]!; k < start[t + 1]!; k++) decision[paper[k]!]! += w * tf[k]!;
  }
  return decision;
}

/** Per paper, its largest similarity to any liked sketch and to any disliked one (0: none shares a term). */
export function indexedNearest(c: CompiledModel, index: WindowIndex): { liked: Float64Array; disliked: Float64Array } {
  const liked = new Float64Array(index.papers);
  const disliked = new Float64Array(index.papers);
  const sim = new Float64Array(index.papers);
  const touched = new Int32Array(index.papers);
  const { start, paper, tf } = index;
  c.sketches.forEach((sketch, s) => {
    let count = 0;
    for (const [term, x] of sketch.terms) {
      const t = index.terms.find(termHash(term));
      if (t < 0) continue;
      const v = x / sketch.self;
      for (let k = start[t]!; k < start[t + 1]!; k++) {
        const p = paper[k]!;
        if (sim[p] === 0) touched[count++] = p;
        sim[p]! += v * tf[k]!;
      }
    }
    const best = s < c.likedSketches ? liked : disliked;
    for (let i = 0; i < count; i++) {
      const p = touched[i]!;
      if (sim[p]! > best[p]!) best[p] = sim[p]!;
      sim[p] = 0;
    }
  });
  return { liked, disliked };
}
