/**
 * A feedback paper reduced to what outlives the window: its title and its strongest training
 * features. Similarity of a paper p to a sketch d is Σ feature_d(t) × tf_p(t) over d's terms,
 * divided by the same sum for d itself, so d resembles its own sketch with similarity 1 and a
 * paper sharing none of its terms with 0.
 */
import type { Paper } from '../../model/paper';
import type { Features } from './fit-window';
import { MAX_SKETCH_TITLE_CHARS, MAX_TERM_CHARS, SKETCH_TERMS, type PaperSketch } from './learned-model';
import { topEntries } from './top-entries';
import { termHash, termVector } from './term-vector';

/** Stored numbers keep 4 significant digits: more would only lengthen the JSON. */
export const roundStored = (value: number) => Number(value.toPrecision(4));

/** Added to a shared term's weight for choosing (features are at most 1), so every shared term ranks before any unshared one. */
const SHARED_BONUS = 1e3;

/** A window paper's strongest features, before their spellings are looked up. */
export type SketchDraft = { paper: Paper; hashes: number[]; values: number[]; tf: number[] };

/**
 * The strongest terms that some other paper of the window shares: a word only this paper has
 * (a system's name) weighs most in tf-idf yet never makes another paper resemble it. Unshared
 * terms fill the sketch only when too few are shared.
 */
export function draftSketch(paper: Paper, features: Features, shared: (hash: number) => boolean): SketchDraft {
  const rank = Float64Array.from(features.values, (v, i) => (shared(features.hashes[i]!) ? v + SHARED_BONUS : v));
  const top = topEntries(rank, features.hashes, SKETCH_TERMS);
  // Training features and the tf vector list the same hashes in the same order.
  const tf = termVector(paper).values;
  return { paper, hashes: top.map((i) => features.hashes[i]!), values: top.map((i) => features.values[i]!), tf: top.map((i) => tf[i]!) };
}

/** The stored sketch; a term without a storable spelling (over MAX_TERM_CHARS) is left out. */
export function finishSketch(draft: SketchDraft, names: ReadonlyMap<number, string>): PaperSketch {
  const kept = draft.hashes.flatMap((hash, i) => {
    const name = names.get(hash);
    return name && name.length <= MAX_TERM_CHARS ? [i] : [];
  });
  const terms = kept.map((i): [string, number] => [names.get(draft.hashes[i]!)!, roundStored(draft.values[i]!)]);
  const self = kept.reduce((sum, i, k) => sum + terms[k]![1] * draft.tf[i]!, 0);
  return { id: draft.paper.id, title: draft.paper.title.slice(0, MAX_SKETCH_TITLE_CHARS), terms, self: roundStored(self) || 1 };
}

/** A sketch as training features, for a feedback paper no longer in the window. */
export function sketchFeatures(sketch: PaperSketch): Features {
  return { hashes: Int32Array.from(sketch.terms, ([term]) => termHash(term)), values: Float32Array.from(sketch.terms, ([, w]) => w) };
}
