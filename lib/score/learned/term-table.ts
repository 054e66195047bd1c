/**
 * Term hash → dense entry number (0, 1, 2, … in order of first insertion), open addressing in
 * typed arrays kept at most half full. Training counts document frequencies over ~1 M term
 * occurrences and scoring looks up ~200 terms per paper for every paper and profile: a Map costs
 * several times more per operation than this linear probe.
 */
const EMPTY = -1;
/** Golden-ratio multiplier; the slot is the product's high bits, which depend on every bit of the hash. */
const SPREAD = 0x9e3779b1;

export class TermTable {
  private keys: Int32Array;
  private entries: Int32Array;
  private shift: number;
  private mask: number;
  /** Entries so far; the next new hash gets this number. */
  size = 0;

  constructor(expected = 16) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.keys = new Int32Array(1 << bits);
    this.entries = new Int32Array(1 << bits).fill(EMPTY);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  /** The entry of `hash`, or -1. */
  find(hash: number): number {
    let slot = Math.imul(hash, SPREAD) >>> this.shift;
    for (;;) {
      const entry = this.entries[slot]!;
      if (entry === EMPTY || this.keys[slot] === hash) return entry;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The entry of `hash`, created when new. */
  add(hash: number): number {
    if (this.size * 2 >= this.entries.length) this.grow();
    let slot = Math.imul(hash, SPREAD) >>> this.shift;
    for (;;) {
      const entry = this.entries[slot]!;
      if (entry === EMPTY) break;
      if (this.keys[slot] === hash) return entry;
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = hash;
    this.entries[slot] = this.size;
    return this.size++;
  }

  /** Every hash, by entry number. */
  hashes(): Int32Array {
    const out = new Int32Array(this.size);
    for (let slot = 0; slot < this.entries.length; slot++) if (this.entries[slot] !== EMPTY) out[this.entries[slot]!] = this.keys[slot]!;
    return out;
  }

  private grow(): void {
    const hashes = this.hashes();
    const bigger = new TermTable(this.entries.length);
    for (const hash of hashes) bigger.add(hash);
    ({ keys: this.keys, entries: this.entries, shift: this.shift, mask: this.mask } = bigger);
  }
}

/** Bits of a TermFilter: 2^18 (32 KB), so ~2,000 model terms leave 99 % of the bits clear. */
const FILTER_BITS = 18;
const FILTER_SHIFT = 32 - FILTER_BITS;

/**
 * A one-hash bit filter over a set of hashes: a clear bit proves a hash absent. Scoring tests it
 * before the table, because almost every term of a paper is in no model.
 */
export function termFilter(hashes: ArrayLike<number>): Int32Array {
  const bits = new Int32Array(1 << (FILTER_BITS - 5));
  for (let i = 0; i < hashes.length; i++) {
    const bit = Math.imul(hashes[i]!, SPREAD) >>> FILTER_SHIFT;
    bits[bit >>> 5]! |= 1 << (bit & 31);
  }
  return bits;
}

export function mayContain(filter: Int32Array, hash: number): boolean {
  const bit = Math.imul(hash, SPREAD) >>> FILTER_SHIFT;
  return (filter[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}
