/**
 * Categories readers asked for: one hash, field = category, value = when it was last asked for,
 * so ingest can stop fetching a category nobody reads any more. Ingest only needs that to within
 * days (REQUESTED_CATEGORY_DAYS), so a process records each category at most once a UTC day, all
 * of a request's categories in one command: a feed miss does not write per category.
 * Bounded where it is read: ingest and the on-demand fetch take the MAX_REQUESTED_CATEGORIES most
 * recently requested beyond the categories fetched anyway (`capRequested`), and a feed says which
 * of its categories are past that. The hash itself holds at most one field per taxonomy category.
 * The record is rebuilt by readers asking again, so a damaged one (the wrong type at its key, an
 * unreadable file) reads as empty and is replaced rather than failing feeds or ingest.
 */
import { StoreCorruptError } from '../errors';
import * as K from './keys';
import { reportDamaged } from './parse-stored';
import type { StoreKv } from './store-kv';

/** Runs `fn`; when the hash is damaged, deletes it (logged once) and answers `fallback()`. */
async function orRebuilt<T>(kv: StoreKv, hash: string, fn: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof StoreCorruptError)) throw err;
    reportDamaged(hash, 'requested categories start over');
    await kv.driver.del([hash]);
    return fallback();
  }
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Start of the window in which a request still counts. */
export const requestedSince = (now: Date) => new Date(now.getTime() - K.REQUESTED_CATEGORY_DAYS * 86_400_000);

export type CappedRequests = { kept: string[]; overCap: string[] };

/**
 * Of requested categories (most recent first), the MAX_REQUESTED_CATEGORIES most recent that
 * `fetchedAnyway` does not cover (configured or saved: those do not count), and those past them.
 */
export function capRequested(newestFirst: readonly string[], fetchedAnyway: (category: string) => boolean): CappedRequests {
  const counted = newestFirst.filter((c) => !fetchedAnyway(c));
  return { kept: counted.slice(0, K.MAX_REQUESTED_CATEGORIES), overCap: counted.slice(K.MAX_REQUESTED_CATEGORIES) };
}

export function requestedCategories(kv: StoreKv) {
  const hash = kv.key(K.REQUESTED_CATEGORIES_HASH);
  /** category → the UTC day this process last recorded it. */
  const recorded = new Map<string, string>();
  return {
    /** Records that readers asked for `categories` now; those this process recorded today are skipped. */
    async requestCategories(categories: string[], now = new Date()): Promise<void> {
      const today = utcDay(now);
      const due = [...new Set(categories)].filter((c) => recorded.get(c) !== today);
      if (!due.length) return;
      const write = () => kv.driver.hsetMany(hash, Object.fromEntries(due.map((c) => [c, now.toISOString()])));
      await orRebuilt(kv, hash, write, write);
      for (const c of due) recorded.set(c, today);
    },
    async requestCategory(category: string, now = new Date()): Promise<void> {
      const write = () => kv.driver.hset(hash, category, now.toISOString());
      await orRebuilt(kv, hash, write, write);
      recorded.set(category, utcDay(now));
    },
    /**
     * Categories readers asked for, optionally only those asked for at or after `since`, the most
     * recently asked for first (ties by name, so every reader sees one order).
     */
    async requestedCategories(since?: Date): Promise<string[]> {
      const all = await orRebuilt(kv, hash, () => kv.driver.hgetall(hash), async (): Promise<Record<string, string>> => ({}));
      const at = (c: string) => Date.parse(all[c]!) || 0;
      return Object.keys(all)
        .filter((c) => !since || at(c) >= since.getTime())
        .sort((a, b) => at(b) - at(a) || (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}
