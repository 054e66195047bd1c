/**
 * A paper's text as the learned ranker sees it: title and abstract folded like the keyword matcher
 * (fold-text.ts), stop words and one-letter words dropped, every remaining word and every pair of
 * neighbouring words (1–2-grams) as a 32-bit FNV-1a hash, term frequency sublinear (1 + ln tf),
 * the vector scaled to unit length. Idf is not in here: it belongs to the model, fitted on the
 * window the model was trained on, so scoring a paper needs only the paper and the model.
 *
 * Hashing instead of a vocabulary keeps no process-wide table; two terms share a hash about once
 * in four billion pairs, far below what moves a ranking. Vectors are cached like the keyword index
 * (index-paper.ts): by object, and by content for the same paper re-read from the store.
 */
import { LRUCache } from 'lru-cache';
import type { Paper } from '../../model/paper';
import { foldText, splitWords } from '../fold-text';
import { STOP_WORDS } from './stop-words';

export type TermVector = {
  /** Term hashes, ascending, distinct. */
  ids: Int32Array;
  /** 1 + ln(tf) of each term, scaled so the vector has unit length. */
  values: Float32Array;
};

/** Papers whose vectors stay cached by content (a 30-day window of several busy categories). */
export const VECTOR_CACHE_MAX_PAPERS = 12_000;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;

const hashChars = (h: number, text: string): number => {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
};

/** The hash of a term as the vectors spell it: one word, or two joined by one space (`kv cache`). */
export const termHash = (term: string): number => hashChars(FNV_OFFSET, term) | 0;

/** The words of one field that count as terms, in order. */
export function termWords(text: string): string[] {
  return splitWords(foldText(text)).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/**
 * Calls `visit` for every 1- and 2-gram of a paper, bigrams never spanning title and abstract:
 * the term's hash, its last word, and the word before that (null for a single word). The
 * spelling is `${before} ${word}`, built only by callers that need it.
 */
export function visitTerms(paper: Pick<Paper, 'title' | 'abstract'>, visit: (hash: number, word: string, before: string | null) => void): void {
  for (const field of [paper.title, paper.abstract]) {
    let previous: string | null = null;
    let previousHash = 0;
    for (const word of termWords(field)) {
      const wordHash = hashChars(FNV_OFFSET, word);
      visit(wordHash | 0, word, null);
      if (previous !== null) visit(hashChars(Math.imul(previousHash ^ SPACE, FNV_PRIME), word) | 0, word, previous);
      previous = word;
      previousHash = wordHash;
    }
  }
}

/**
 * Spellings of the wanted hashes, from the papers' text, in order until every one is found. Only
 * a paper whose vector holds a hash still unnamed is read again: tokenizing costs far more.
 */
export function spellTerms(papers: Iterable<Pick<Paper, 'title' | 'abstract'>>, wanted: ReadonlySet<number>): Map<number, string> {
  const names = new Map<number, string>();
  const hasUnnamed = (ids: Int32Array) => ids.some((hash) => wanted.has(hash) && !names.has(hash));
  for (const paper of papers) {
    if (names.size === wanted.size) break;
    if (!hasUnnamed(termVector(paper).ids)) continue;
    visitTerms(paper, (hash, word, before) => {
      if (wanted.has(hash) && !names.has(hash)) names.set(hash, before === null ? word : `${before} ${word}`);
    });
  }
  return names;
}

let scratch = new Int32Array(2048);
let used = 0;

function push(hash: number): void {
  if (used === scratch.length) {
    const bigger = new Int32Array(scratch.length * 2);
    bigger.set(scratch);
    scratch = bigger;
  }
  scratch[used++] = hash;
}

function buildVector(paper: Pick<Paper, 'title' | 'abstract'>): TermVector {
  used = 0;
  visitTerms(paper, push);
  const all = scratch.subarray(0, used).sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) distinct++;
  const ids = new Int32Array(distinct);
  const values = new Float32Array(distinct);
  let squares = 0;
  for (let i = 0, n = 0; i < all.length; n++) {
    let j = i + 1;
    while (j < all.length && all[j] === all[i]) j++;
    const tf = 1 + Math.log(j - i);
    ids[n] = all[i]!;
    values[n] = tf;
    squares += tf * tf;
    i = j;
  }
  const norm = Math.sqrt(squares) || 1;
  for (let n = 0; n < distinct; n++) values[n] = values[n]! / norm;
  return { ids, values };
}

const byObject = new WeakMap<object, TermVector>();
const byContent = new LRUCache<string, { title: string; vector: TermVector }>({ max: VECTOR_CACHE_MAX_PAPERS });

/** The paper's term vector, computed once per paper and shared by every profile that scores it. */
export function termVector(paper: Pick<Paper, 'title' | 'abstract'>): TermVector {
  const known = byObject.get(paper);
  if (known) return known;
  const hit = byContent.get(paper.abstract);
  const vector = hit && hit.title === paper.title ? hit.vector : buildVector(paper);
  if (vector !== hit?.vector) byContent.set(paper.abstract, { title: paper.title, vector });
  byObject.set(paper, vector);
  return vector;
}
