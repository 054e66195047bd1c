/**
 * Paper versions: for each arXiv id (without version), the newest version stored and the day it
 * was first announced, so an ingest tells new papers from replacements and keeps the first day.
 */
import { z } from 'zod';
import { DaySchema } from '../model/paper';
import * as K from './keys';
import { parseJson } from './parse-stored';
import type { StoreKv } from './store-kv';

export const PaperVersionRecordSchema = z.object({ version: z.number().int(), firstAnnounced: DaySchema });
export type PaperVersionRecord = z.infer<typeof PaperVersionRecordSchema>;

export function paperVersions(kv: StoreKv) {
  return {
    /** The records of the ids that have one, in one round trip. */
    async getPaperVersions(ids: string[]): Promise<Map<string, PaperVersionRecord>> {
      const found = new Map<string, PaperVersionRecord>();
      if (!ids.length) return found;
      const raw = await kv.driver.mget(ids.map((id) => kv.key(K.paperVersionKey(id))));
      ids.forEach((id, i) => {
        const record = parseJson(PaperVersionRecordSchema, raw[i] ?? null);
        if (record) found.set(id, record);
      });
      return found;
    },

    async putPaperVersions(records: Map<string, PaperVersionRecord>): Promise<void> {
      if (!records.size) return;
      await kv.driver.mset([...records].map(([id, r]) => [kv.key(K.paperVersionKey(id)), JSON.stringify(r)]));
    },
  };
}
