/**
 * Source directories: for each source (category or archive as ingested), its current bucket of
 * each of its newest SOURCE_DIR_DAYS days with the sizes and part layout a read plans from, under
 * its own key, and the directory's revision under a tiny version key. A feed reads the
 * directories of the sources it can use, never the manifest (which lists every source and day);
 * a cached feed compares only the version keys. Written by commitDay after the manifest switch.
 */
import { z } from 'zod';
import { DaySchema, type Day } from '../model/paper';
import * as K from './keys';
import type { Manifest } from './manifest';
import { parseJson } from './parse-stored';

export const DirBucketSchema = z.object({
  /** Commit revision: the bucket is K.bucketKey(source, day, rev). */
  rev: z.number().int(),
  count: z.number().int(),
  /** JSON size of its papers. */
  bytes: z.number().int(),
  /** Stored size of its rows. Absent: a bucket written before rows and parts, one JSON array at the bucket key. */
  rows: z.number().int().optional(),
  /** Its parts in order: owners of their papers (comma-joined), paper count, stored size. */
  parts: z.array(z.tuple([z.string(), z.number().int(), z.number().int()])).optional(),
});
export type DirBucket = z.infer<typeof DirBucketSchema>;

export const SourceDirSchema = z.object({
  rev: z.number().int(),
  /** ISO time of the commit that last changed this source. */
  updatedAt: z.string(),
  days: z.record(DaySchema, DirBucketSchema),
});
export type SourceDir = z.infer<typeof SourceDirSchema>;

/** An unreadable directory reads as missing: the next commit of that source writes a new one. */
export const parseSourceDir = (raw: string | null): SourceDir | null => {
  try {
    return parseJson(SourceDirSchema, raw);
  } catch {
    return null;
  }
};

/** Newest days first, at most SOURCE_DIR_DAYS. */
function newest(days: Record<Day, DirBucket>): Record<Day, DirBucket> {
  const kept = Object.keys(days).sort().reverse().slice(0, K.SOURCE_DIR_DAYS);
  return Object.fromEntries(kept.map((d) => [d, days[d]!]));
}

/** `current` with `day`'s bucket replaced, as of commit `rev`. */
export function withDay(current: SourceDir | null, day: Day, bucket: DirBucket, rev: number, now: Date): SourceDir {
  return { rev, updatedAt: now.toISOString(), days: newest({ ...(current?.days ?? {}), [day]: bucket }) };
}

/** A directory built from the manifest, for a store written before directories existed. */
export function dirFromManifest(manifest: Manifest, source: string): SourceDir | null {
  const days: Record<Day, DirBucket> = {};
  for (const [day, bySource] of Object.entries(manifest.days)) {
    const ref = bySource[source];
    const rev = ref ? K.bucketRevision(ref.key) : null;
    if (!ref || rev === null) continue;
    const bytes = ref.bytes ?? ref.count * K.ESTIMATED_ENTRY_BYTES;
    // Owners and stored sizes are not in the manifest: no part is skipped, sizes are estimates.
    const parts = ref.parts?.map((n): [string, number, number] => ['', n, Math.ceil((bytes * n) / Math.max(1, ref.count) / 2)]);
    days[day] = { rev, count: ref.count, bytes, ...(parts && { rows: ref.count * 40, parts }) };
  }
  return Object.keys(days).length ? { rev: manifest.revision, updatedAt: manifest.updatedAt, days: newest(days) } : null;
}

/** Every source the manifest holds a bucket for. */
export const manifestSources = (manifest: Manifest) => [...new Set(Object.values(manifest.days).flatMap((bySource) => Object.keys(bySource)))];
