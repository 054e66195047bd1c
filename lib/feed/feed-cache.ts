/**
 * Rendered feeds kept in this server process, so a warm request costs one store round trip and no
 * parsing, ranking or rendering. An entry is reused only while the store's versions are the ones it
 * was built from (manifest revision for papers, summaries revision for summaries): any ingest or
 * stored summary, from any instance, makes the next request rebuild. Bounded by entries and bytes
 * (least recently used goes first).
 */
import type { StoreVersions } from '../store/store';

export type CachedFeed = {
  versions: string;
  etag: string;
  lastModified: Date;
  notices: string[];
  body: string;
  contentType: string;
};

export const FEED_CACHE_MAX_ENTRIES = 500;
export const FEED_CACHE_MAX_BYTES = 64 * 1024 * 1024;

export const versionsTag = (v: StoreVersions) => `${v.manifest.revision}:${v.manifest.updatedAt}:${v.summariesRevision}`;

export class FeedCache {
  private readonly entries = new Map<string, CachedFeed>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = FEED_CACHE_MAX_ENTRIES,
    private readonly maxBytes = FEED_CACHE_MAX_BYTES,
  ) {}

  /** The entry for `key` when it was built from `versions`; a stale one is dropped. */
  get(key: string, versions: string): CachedFeed | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.delete(key);
    if (entry.versions !== versions) return undefined;
    this.entries.set(key, entry); // most recently used last
    this.bytes += entry.body.length;
    return entry;
  }

  set(key: string, entry: CachedFeed): void {
    if (entry.body.length > this.maxBytes / 4) return; // one huge feed must not evict everything
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}
