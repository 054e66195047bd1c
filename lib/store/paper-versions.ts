/**
 * Paper versions: for each arXiv id (without version), the newest version stored and the day it
 * was first announced, so an ingest tells new papers from replacements and keeps the first day.
 */
import { z } from 'zod';
import { DaySchema } from '../model/paper';
import * as K from './keys';
import { parseRecord, reportDamaged } from './parse-stored';
import type { StoreKv } from './store-kv';

export const PaperVersionRecordSchema = z.object({ version: z.number().int(), firstAnnounced: DaySchema });
export type PaperVersionRecord = z.infer<typeof PaperVersionRecordSchema>;

export function paperVersions(kv: StoreKv) {
  return {
    /** The records of the ids that have one, in one round trip. */
    async getPaperVersions(ids: string[]): Promise<Map<string, PaperVersionRecord>> {
      const found = new Map<string, PaperVersionRecord>();
      if (!ids.length) return found;
      const keys = ids.map((id) => kv.key(K.paperVersionKey(id)));
      const raw = await kv.driver.mget(keys);
      // An unreadable record reads as absent: the paper counts as new and its record is rewritten.
      const damaged = keys.filter((_, i) => {
        const record = parseRecord(PaperVersionRecordSchema, raw[i] ?? null);
        if (record) found.set(ids[i]!, record);
        return record === undefined;
      });
      if (damaged.length) reportDamaged(damaged[0]!, `not a paper version record; ${damaged.length - 1} more in this batch`);
      return found;
    },

    /** Writes (and so renews) the records for PAPER_VERSION_TTL_SECONDS. */
    async putPaperVersions(records: Map<string, PaperVersionRecord>): Promise<void> {
      if (!records.size) return;
      const entries = [...records].map(([id, r]): [string, string] => [kv.key(K.paperVersionKey(id)), JSON.stringify(r)]);
      await kv.driver.mset(entries, { ttlSeconds: K.PAPER_VERSION_TTL_SECONDS });
    },
  };
}
