/**
 * An L2-regularized linear SVM (hinge loss) on sparse vectors, trained by dual coordinate
 * descent — LIBLINEAR's solver for the problem arxiv-sanity-lite hands to scikit-learn's
 * LinearSVC (Hsieh et al. 2008, https://www.csie.ntu.edu.tw/~cjlin/papers/cddual.pdf).
 * Each pass visits every sample once and costs one sparse dot product and one sparse update,
 * so a few dozen passes over 2,000 abstracts take milliseconds. Class weights are balanced (a
 * handful of liked papers against a large sample of the window), and the bias is a constant
 * feature, regularized like the others, as in LIBLINEAR.
 */

export type SparseSample = {
  /** Feature indexes in [0, dimensions). */
  index: Int32Array;
  value: Float32Array;
  label: 1 | -1;
};

export type SvmOptions = {
  /** Regularization: smaller is smoother (arxiv-sanity-lite uses 0.01 on unit tf-idf vectors). */
  c: number;
  /** Stop after this many passes even when not converged. @default 60 */
  maxPasses?: number;
  /** Stop when the projected gradient spans less than this. @default 0.01 */
  tolerance?: number;
};

export type LinearModel = { weights: Float64Array; bias: number; passes: number };

const BIAS_FEATURE = 1;

/** Deterministic shuffle order per pass (a fixed LCG), so one training set always gives one model. */
function shuffled(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let state = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function upperBounds(samples: readonly SparseSample[], c: number): Float64Array {
  const positives = samples.filter((s) => s.label > 0).length;
  const negatives = samples.length - positives;
  const cPositive = positives ? (c * samples.length) / (2 * positives) : c;
  const cNegative = negatives ? (c * samples.length) / (2 * negatives) : c;
  return Float64Array.from(samples, (s) => (s.label > 0 ? cPositive : cNegative));
}

export function trainLinearSvm(samples: readonly SparseSample[], dimensions: number, options: SvmOptions): LinearModel {
  const maxPasses = options.maxPasses ?? 60;
  const tolerance = options.tolerance ?? 0.01;
  const weights = new Float64Array(dimensions);
  let bias = 0;
  const alpha = new Float64Array(samples.length);
  const upper = upperBounds(samples, options.c);
  const diagonal = Float64Array.from(samples, (s) => s.value.reduce((sum, v) => sum + v * v, 0) + BIAS_FEATURE * BIAS_FEATURE);
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    let maxGradient = -Infinity;
    let minGradient = Infinity;
    for (const i of shuffled(samples.length, passes)) {
      const { index, value, label } = samples[i]!;
      let margin = bias * BIAS_FEATURE;
      for (let k = 0; k < index.length; k++) margin += weights[index[k]!]! * value[k]!;
      const gradient = label * margin - 1;
      const a = alpha[i]!;
      const projected = a === 0 ? Math.min(gradient, 0) : a === upper[i] ? Math.max(gradient, 0) : gradient;
      maxGradient = Math.max(maxGradient, projected);
      minGradient = Math.min(minGradient, projected);
      if (projected === 0) continue;
      const next = Math.min(Math.max(a - gradient / diagonal[i]!, 0), upper[i]!);
      const step = (next - a) * label;
      alpha[i] = next;
      for (let k = 0; k < index.length; k++) weights[index[k]!] = weights[index[k]!]! + step * value[k]!;
      bias += step * BIAS_FEATURE;
    }
    if (maxGradient - minGradient < tolerance) break;
  }
  return { weights, bias, passes };
}
