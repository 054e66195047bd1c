/**
 * Rendered feeds kept in this server process, so a warm request costs one store round trip and no
 * parsing, ranking or rendering. An entry is reused only while the store's versions are the ones it
 * was built from (manifest revision for papers, summaries revision for summaries): any ingest or
 * stored summary, from any instance, makes the next request rebuild. Bounded by entries and bytes
 * (least recently used goes first, by lru-cache).
 */
import { LRUCache } from 'lru-cache';
import type { StoreVersions } from '../store/store';

export type CachedFeed = {
  versions: string;
  etag: string;
  lastModified: Date;
  notices: string[];
  /** Requested categories not ingested yet (the `X-Feed-Not-Ingested` header). */
  notIngested: string[];
  cacheControl: string;
  body: string;
  contentType: string;
};

export const FEED_CACHE_MAX_ENTRIES = 500;
export const FEED_CACHE_MAX_BYTES = 64 * 1024 * 1024;

export const versionsTag = (v: StoreVersions) => `${v.manifest.revision}:${v.manifest.updatedAt}:${v.summariesRevision}`;

export class FeedCache {
  private readonly entries: LRUCache<string, CachedFeed>;

  constructor(maxEntries = FEED_CACHE_MAX_ENTRIES, maxBytes = FEED_CACHE_MAX_BYTES) {
    this.entries = new LRUCache<string, CachedFeed>({
      max: maxEntries,
      maxSize: maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.body.length),
      // One huge feed must not evict everything else.
      maxEntrySize: maxBytes / 4,
    });
  }

  /** The entry for `key` when it was built from `versions`; a stale one is dropped. */
  get(key: string, versions: string): CachedFeed | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.versions === versions) return entry;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, entry: CachedFeed): void {
    if (entry.body.length > this.entries.maxEntrySize) return;
    this.entries.set(key, entry);
  }

  get size() {
    return this.entries.size;
  }
}
