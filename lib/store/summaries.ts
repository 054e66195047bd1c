/**
 * Summaries: one per (paper version, scope) under its own key (what a feed reads for the papers it
 * shows), plus a per-day index of them (what the summarizer reads with a whole window), plus a
 * version per (scope, day) that feed caches compare: a new summary changes only the feeds of
 * that language and model showing that day.
 */
import { randomBytes } from 'node:crypto';
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
      // A fresh value, not a counter: no read-modify-write, and unique across instances.
      const version = `${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
      await Promise.all([
        kv.driver.set(kv.key(K.summaryVersionKey(scope, day)), version, { ttlSeconds: K.BUCKET_TTL_SECONDS }),
        kv.driver.set(kv.key(K.summaryScopeVersionKey(scope)), version),
      ]);
      kv.versions?.forget([K.summaryVersionKey(scope, day), K.summaryScopeVersionKey(scope)]);
    },
  };
}
