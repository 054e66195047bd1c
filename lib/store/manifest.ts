/**
 * The manifest: which immutable bucket is current for each (announcement day, source). It is the
 * one value an ingest switches last, so readers see either the old day or the new one, never a mix.
 */
import { z } from 'zod';
import { DaySchema } from '../model/paper';
import * as K from './keys';
import { parseStrict } from './parse-stored';
import type { StoreKv } from './store-kv';

export const BucketRefSchema = z.object({
  key: z.string(),
  count: z.number().int(),
  /** JSON size of the bucket, so a full read can stay within MAX_WINDOW_BYTES before reading it. */
  bytes: z.number().int().optional(),
  /** Papers in each of its parts (K.bucketPartKey), in order; absent: one JSON array at `key` (written before parts). */
  parts: z.array(z.number().int()).optional(),
});
export type BucketRef = z.infer<typeof BucketRefSchema>;

export const ManifestSchema = z.object({
  revision: z.number().int(),
  updatedAt: z.string(),
  /** day → source (category or archive as ingested) → current bucket */
  days: z.record(DaySchema, z.record(z.string(), BucketRefSchema)),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export const EMPTY_MANIFEST: Manifest = { revision: 0, updatedAt: new Date(0).toISOString(), days: {} };

/** A missing manifest is a new store (empty); an unreadable one throws rather than reading as empty. */
export const parseManifest = (raw: string | null | undefined): Manifest =>
  raw == null ? EMPTY_MANIFEST : parseStrict(ManifestSchema, raw, K.MANIFEST_KEY);

export async function readManifest(kv: StoreKv): Promise<Manifest> {
  return parseManifest(await kv.driver.get(kv.key(K.MANIFEST_KEY)));
}
