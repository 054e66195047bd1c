/**
 * Term hash → entry number, open addressing in two typed arrays. Scoring looks up every term of
 * every candidate paper (~200 per paper, 5,000 papers, 100 profiles): a Map costs several times
 * more per lookup than this linear probe over a table kept at most half full.
 */
export type TermTable = { keys: Int32Array; entries: Int32Array; mask: number; shift: number };

const EMPTY = -1;
/** Golden-ratio multiplier; the slot is the product's high bits, which depend on every bit of the hash. */
const SPREAD = 0x9e3779b1;

export function buildTermTable(hashes: readonly number[]): TermTable {
  let bits = 4;
  while (1 << bits < hashes.length * 2) bits++;
  const size = 1 << bits;
  const table: TermTable = { keys: new Int32Array(size), entries: new Int32Array(size).fill(EMPTY), mask: size - 1, shift: 32 - bits };
  hashes.forEach((hash, entry) => {
    let slot = Math.imul(hash, SPREAD) >>> table.shift;
    while (table.entries[slot] !== EMPTY && table.keys[slot] !== hash) slot = (slot + 1) & table.mask;
    table.keys[slot] = hash;
    table.entries[slot] = entry;
  });
  return table;
}

/** The entry of `hash`, or -1. */
export function findTerm(table: TermTable, hash: number): number {
  const { keys, entries, mask } = table;
  let slot = Math.imul(hash, SPREAD) >>> table.shift;
  for (;;) {
    const entry = entries[slot]!;
    if (entry === EMPTY || keys[slot] === hash) return entry;
    slot = (slot + 1) & mask;
  }
}
