/**
 * How stored JSON is read back, one rule per kind of record:
 * - values whose loss would lose data (manifest, buckets; saved profiles in profiles.ts) fail
 *   loudly with StoreCorruptError (503), so nothing is written over them until someone repairs
 *   them: reading a damaged manifest as empty would let the next ingest drop every older day;
 * - records that are rebuilt anyway (run status, summaries, paper versions, requested categories,
 *   counters) read as absent, logged once per key, and the next write replaces them: a damaged
 *   status must not take `/` down, nor a damaged paper record every ingest that includes it.
 */
import type { z } from 'zod';
import type { Paper } from '../model/paper';
import { StoreCorruptError } from '../errors';

/** For values whose loss would lose data (manifest, buckets): unreadable → StoreCorruptError. */
export function parseStrict<T>(schema: z.ZodType<T>, raw: string, key: string): T {
  try {
    const result = schema.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
  } catch {
    // fall through to the error below
  }
  throw new StoreCorruptError(`stored value ${key} is unreadable (${raw.length} bytes starting ${JSON.stringify(raw.slice(0, 40))})`);
}

/** Bucket arrays are written only by commitDay (validated there); reading skips the per-paper schema for speed. */
export function parseBucket(raw: string, key: string): Paper[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) return value as Paper[];
  } catch {
    // fall through to the error below
  }
  throw new StoreCorruptError(`stored bucket ${key} is unreadable (${raw.length} bytes)`);
}

/** The summary day index is a cache of the per-summary keys: an unreadable one reads as empty. */
export function parseSummaryIndex(raw: string | null): Record<string, unknown> {
  try {
    const value: unknown = raw === null ? {} : JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Keys already reported unreadable: a damaged record read on every request is logged once. */
const reported = new Set<string>();
const MAX_REPORTED = 1_000;

/** Logs, once per key and process, that a rebuildable record is unreadable and treated as absent. */
export function reportDamaged(key: string, why: string): void {
  if (reported.has(key)) return;
  if (reported.size >= MAX_REPORTED) reported.clear();
  reported.add(key);
  console.warn(`[arxiv-feeds] store: ${key} is unreadable (${why}); treated as absent until it is written again`);
}

/** The record; null when absent; undefined when present but not JSON or not matching the schema. */
export function parseRecord<T>(schema: z.ZodType<T>, raw: string | null): T | null | undefined {
  if (raw === null) return null;
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** A rebuildable record: missing or unreadable reads as null (unreadable is logged once, naming `key`). */
export const parseJson = <T>(schema: z.ZodType<T>, raw: string | null, key = 'a stored record'): T | null => {
  const record = parseRecord(schema, raw);
  if (record === undefined) reportDamaged(key, `${raw!.length} bytes that do not parse as this record`);
  return record ?? null;
};

/** A rebuildable record's raw value: a key holding the wrong type (StoreCorruptError) reads as absent. */
export async function readRebuildable(key: string, read: () => Promise<string | null>): Promise<string | null> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof StoreCorruptError)) throw err;
    reportDamaged(key, 'the wrong type');
    return null;
  }
}
