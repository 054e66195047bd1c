/**
 * Summaries: one per (paper version, scope) under its own key, plus a per-day index of them that
 * feeds read with their buckets, plus a revision counter feed caches compare.
 */
import type { Day } from '../model/paper';
import { StoredSummarySchema, type StoredSummary } from '../model/summary';
import * as K from './keys';
import { parseJson, parseSummaryIndex } from './parse-stored';
import type { StoreKv } from './store-kv';

/** How a summary is named in a day index and in WindowRead.summaries. */
export const summaryRef = (id: string, version: number) => `${id}v${version}`;

export function summaries(kv: StoreKv) {
  return {
    async getSummary(id: string, version: number, scope: string): Promise<StoredSummary | null> {
      return parseJson(StoredSummarySchema, await kv.driver.get(kv.key(K.summaryKey(id, version, scope))));
    },

    /**
     * Stores a summary under its cache key and adds it to the day index the feeds read.
     * The day index is a read-modify-write: callers hold the summarize run lock.
     */
    async putSummary(summary: StoredSummary, day: Day, scope: string): Promise<void> {
      const json = JSON.stringify(summary);
      await kv.driver.set(kv.key(K.summaryKey(summary.paperId, summary.version, scope)), json, {
        ttlSeconds: K.SUMMARY_TTL_SECONDS,
      });
      const dayKey = kv.key(K.summaryDayKey(day, scope));
      const index = parseSummaryIndex(await kv.driver.get(dayKey));
      index[summaryRef(summary.paperId, summary.version)] = summary;
      await kv.driver.set(dayKey, JSON.stringify(index), { ttlSeconds: K.BUCKET_TTL_SECONDS });
      await kv.driver.incr(kv.key(K.SUMMARIES_REVISION_KEY), K.SUMMARIES_REVISION_TTL_SECONDS);
    },
  };
}
