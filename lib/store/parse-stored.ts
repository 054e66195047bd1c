/**
 * How stored JSON is read back. Values whose loss would lose data (manifest, buckets) fail loudly
 * with StoreCorruptError; caches and records that can be rebuilt read as missing instead.
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

/** Missing, or not matching the schema, reads as null (JSON that does not parse still throws). */
export const parseJson = <T>(schema: z.ZodType<T>, raw: string | null): T | null => {
  if (raw === null) return null;
  const result = schema.safeParse(JSON.parse(raw));
  return result.success ? result.data : null;
};
