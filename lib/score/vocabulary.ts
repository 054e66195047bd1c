/**
 * Process-wide word ids, so a paper's words are a small sorted integer array (compact, cache
 * friendly) and a profile's keywords are integers looked up in it. Each id also knows the ids of
 * the words it is an inflection of (inflect-word.ts), computed once per distinct word.
 *
 * The vocabulary only grows; past VOCABULARY_MAX_WORDS it starts over under a new generation, and
 * indexes or compiled rules from an older generation are rebuilt on use.
 */
import { wordBases } from './inflect-word';

export const VOCABULARY_MAX_WORDS = 2_000_000;

let ids = new Map<string, number>();
let basesById: (Int32Array | null)[] = [];
let generation = 0;

export const vocabularyGeneration = () => generation;

/** The id of `word` (folded), creating it when new. */
export function wordId(word: string): number {
  let id = ids.get(word);
  if (id !== undefined) return id;
  if (ids.size >= VOCABULARY_MAX_WORDS) startOver();
  id = ids.size;
  ids.set(word, id);
  basesById.push(null);
  const bases = wordBases(word);
  // bases are interned after `word` has its slot, so this recursion always terminates
  if (bases.length) basesById[id] = Int32Array.from(bases, wordId);
  return id;
}

/** Ids of the words `id` is an inflected form of (empty when none). */
export function baseIds(id: number): Int32Array | null {
  return basesById[id] ?? null;
}

function startOver(): void {
  ids = new Map();
  basesById = [];
  generation++;
}
