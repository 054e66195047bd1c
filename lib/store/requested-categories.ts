/**
 * Categories readers asked for: one hash, field = category, value = when it was last asked for,
 * so ingest can stop fetching a category nobody reads any more.
 */
import * as K from './keys';
import type { StoreKv } from './store-kv';

export function requestedCategories(kv: StoreKv) {
  const hash = kv.key(K.REQUESTED_CATEGORIES_HASH);
  return {
    async requestCategory(category: string, now = new Date()): Promise<void> {
      await kv.driver.hset(hash, category, now.toISOString());
    },
    /** Categories readers asked for, optionally only those asked for at or after `since`. */
    async requestedCategories(since?: Date): Promise<string[]> {
      const all = await kv.driver.hgetall(hash);
      return Object.keys(all).filter((c) => !since || Date.parse(all[c]!) >= since.getTime());
    },
  };
}
