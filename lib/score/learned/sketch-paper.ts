/**
 * A feedback paper reduced to what outlives the window: its title and its strongest training
 * features. Similarity of a paper p to a sketch d is Σ feature_d(t) × tf_p(t) over d's terms,
 * divided by the same sum for d itself, so d resembles its own sketch with similarity 1 and a
 * paper sharing none of its terms with 0.
 */
import type { Paper } from '../../model/paper';
import { featuresOf, type Features, type FittedWindow } from './fit-window';
import { MAX_SKETCH_TITLE_CHARS, MAX_TERM_CHARS, SKETCH_TERMS, type PaperSketch } from './learned-model';
import { termHash, termVector, visitTerms } from './term-vector';

/** Stored numbers keep 4 significant digits: more would only lengthen the JSON. */
export const roundStored = (value: number) => Number(value.toPrecision(4));

/** The spelling of each wanted hash, from the paper's own text. */
export function termNames(paper: Pick<Paper, 'title' | 'abstract'>, wanted: ReadonlySet<number>, into = new Map<number, string>()): Map<number, string> {
  visitTerms(paper, (hash, word, before) => {
    if (wanted.has(hash) && !into.has(hash)) into.set(hash, before === null ? word : `${before} ${word}`);
  });
  return into;
}

export function sketchPaper(fitted: FittedWindow, paper: Paper): PaperSketch {
  const { hashes, values } = featuresOf(fitted, paper);
  const order = [...hashes.keys()].sort((a, b) => values[b]! - values[a]! || hashes[a]! - hashes[b]!);
  const names = termNames(paper, new Set(order.slice(0, SKETCH_TERMS * 2).map((i) => hashes[i]!)));
  const tf = termVector(paper).values;
  const kept = order.filter((i) => (names.get(hashes[i]!)?.length ?? Infinity) <= MAX_TERM_CHARS).slice(0, SKETCH_TERMS);
  const terms = kept.map((i): [string, number] => [names.get(hashes[i]!)!, roundStored(values[i]!)]);
  const self = kept.reduce((sum, i, k) => sum + terms[k]![1] * tf[i]!, 0);
  return { id: paper.id, title: paper.title.slice(0, MAX_SKETCH_TITLE_CHARS), terms, self: roundStored(self) || 1 };
}

/** A sketch as training features, for a feedback paper no longer in the window. */
export function sketchFeatures(sketch: PaperSketch): Features {
  return { hashes: Int32Array.from(sketch.terms, ([term]) => termHash(term)), values: Float32Array.from(sketch.terms, ([, w]) => w) };
}
