/**
 * Decoded bucket values — a part's papers, a bucket's rows as text-less papers — kept per Store
 * instance by storage key. A bucket key names its commit's revision and a commit never rewrites a
 * bucket, so a value once read stays right for as long as it is kept; the stored size the
 * directory gives is part of the cache key, so a store wiped and refilled under the same revision
 * numbers is not mistaken for the old one. A miss then neither reads nor decodes (brotli, UTF-8,
 * JSON.parse) the parts it shares with earlier misses, which are most of them: feeds ask for the
 * newest days of the same categories. Decoding was ~30% of what a miss allocated, and the garbage
 * it left is what grew a server's heap past its live size (issue 13, BENCHMARKS.md section 6).
 * Values are shared by every request, so they are frozen when kept: a write to one throws instead
 * of changing what other feeds show (selection builds new arrays and objects, and writes none).
 */
import { LRUCache } from 'lru-cache';
import type { Paper } from '../model/paper';

/**
 * What the kept values take at most, estimated as twice their JSON plus an object's overhead per
 * paper (a text-less row paper is ~60 bytes of JSON but a ten-field object): about twelve days
 * of the four default categories (~1.3 MB a day), or the newest day or two of the bench's
 * 40-source whole-arXiv store. @default 16777216 (16 MiB)
 */
export const DECODED_PARTS_MAX_BYTES = 16 * 1024 * 1024;

/** A stored value: its key and its stored size as the directory records it. */
export type StoredRef = { key: string; bytes: number };

const PAPER_OVERHEAD_BYTES = 96;

const cacheKey = (ref: StoredRef) => `${ref.key}#${ref.bytes}`;

function freezePapers(papers: Paper[]): readonly Paper[] {
  for (const p of papers) {
    Object.freeze(p.authors);
    Object.freeze(p.categories);
    Object.freeze(p);
  }
  return Object.freeze(papers);
}

export class DecodedParts {
  private readonly values: LRUCache<string, readonly Paper[]>;

  constructor(maxBytes = DECODED_PARTS_MAX_BYTES) {
    this.values = new LRUCache<string, readonly Paper[]>({ maxSize: Math.max(1, Math.floor(maxBytes)), maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)) });
  }

  get(ref: StoredRef): readonly Paper[] | undefined {
    return this.values.get(cacheKey(ref));
  }

  /** Keeps `papers` (decoded from `jsonLength` characters of JSON, now frozen) unless they alone would take an eighth. */
  set(ref: StoredRef, papers: Paper[], jsonLength: number): readonly Paper[] {
    const kept = freezePapers(papers);
    this.values.set(cacheKey(ref), kept, { size: Math.max(1, 2 * jsonLength + PAPER_OVERHEAD_BYTES * papers.length) });
    return kept;
  }
}
