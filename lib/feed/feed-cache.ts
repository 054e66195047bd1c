/**
 * Rendered feeds kept in this server process, so a warm request costs one store round trip of a
 * few bytes and no parsing, ranking or rendering. An entry keeps the store's version keys it
 * depends on (its sources' directory revisions, its days' summary versions) and their values when
 * it was built; it is reused only while those values are unchanged, so an ingest of another
 * category or a summary of another day or language, from any instance, leaves it alone. Bounded
 * by entries and by the bytes an entry really holds — its UTF-8 body and its key (least recently
 * used goes first, by lru-cache): a body kept as a JS string with one character past U+00FF takes
 * two bytes a character, so counting characters let 64 MB of feeds take 128 MB (issue 13).
 */
import { LRUCache } from 'lru-cache';

export type CachedFeed = {
  versions: string;
  etag: string;
  lastModified: Date;
  notices: string[];
  /** Requested categories not ingested yet (the `X-Feed-Not-Ingested` header). */
  notIngested: string[];
  cacheControl: string;
  /**
   * The rendered body as UTF-8 bytes, encoded once when the feed is built: a warm response sends
   * these very bytes (a string body is encoded again on every request, a Blob copied out). Never
   * written to: every response of this entry shares them.
   */
  body: Uint8Array;
  contentType: string;
};

export const FEED_CACHE_MAX_ENTRIES = 500;
/**
 * Body bytes kept at most: ~190 feeds of a typical 130 KB. The bound is what the cache holds, but a
 * server's RSS grows by about twice it (the JS heap and the allocator keep room for what they
 * freed): 32 MB kept a server that served 1,000 distinct feeds ~100 MB smaller than 64 MB did, and
 * 24 MB leaves room under 350 MB for the decoded parts (BENCHMARKS.md, section 6). @default 25165824 (24 MB)
 */
export const FEED_CACHE_MAX_BYTES = 24 * 1024 * 1024;

type Entry = { feed: CachedFeed; deps: string[] };

/** What an entry holds: its body bytes, and its key, deps and notices (JS strings, two bytes a character at worst). */
const entryBytes = (entry: Entry, key: string) =>
  entry.feed.body.byteLength + 2 * key.length + entry.deps.reduce((n, d) => n + 2 * d.length, 0) + entry.feed.notices.reduce((n, t) => n + 2 * t.length, 0) + 512;

export class FeedCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(maxEntries = FEED_CACHE_MAX_ENTRIES, maxBytes = FEED_CACHE_MAX_BYTES) {
    this.entries = new LRUCache<string, Entry>({
      max: maxEntries,
      maxSize: maxBytes,
      sizeCalculation: entryBytes,
      // One huge feed must not evict everything else.
      maxEntrySize: maxBytes / 4,
    });
  }

  /** The version keys the entry for `key` depends on, to read before `get` (undefined: no entry). */
  depsOf(key: string): string[] | undefined {
    return this.entries.get(key)?.deps;
  }

  /** The entry for `key` when it was built from `versions`; a stale one is dropped. */
  get(key: string, versions: string): CachedFeed | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.feed.versions === versions) return entry?.feed;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps `feed`, built when the version keys `deps` held `feed.versions`. */
  set(key: string, feed: CachedFeed, deps: string[] = []): void {
    const entry = { feed, deps };
    if (entryBytes(entry, key) > this.entries.maxEntrySize) return;
    this.entries.set(key, entry);
  }

  get size() {
    return this.entries.size;
  }
}
