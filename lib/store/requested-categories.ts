/**
 * Categories readers asked for: one hash, field = category, value = when it was last asked for,
 * so ingest can stop fetching a category nobody reads any more. Ingest only needs that to within
 * days (REQUESTED_CATEGORY_DAYS), so a process records each category at most once a UTC day, all
 * of a request's categories in one command: a feed miss does not write per category.
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
    /** Categories readers asked for, optionally only those asked for at or after `since`. */
    async requestedCategories(since?: Date): Promise<string[]> {
      const all = await orRebuilt(kv, hash, () => kv.driver.hgetall(hash), async (): Promise<Record<string, string>> => ({}));
      return Object.keys(all).filter((c) => !since || Date.parse(all[c]!) >= since.getTime());
    },
  };
}
