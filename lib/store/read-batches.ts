/**
 * How a multi-get of many keys is split into commands, shared by every driver: no single reply may
 * exceed MAX_REPLY_BYTES (Upstash refuses oversized requests, and base64-encodes every reply, so a
 * value travels at 4/3 of its size), and no command names more than the backend's key limit.
 * Callers that know their values' sizes (the store plans bucket reads from recorded sizes) pass
 * them; otherwise each value counts as DEFAULT_VALUE_BYTES.
 */

/** Decoded value bytes per reply: × 4/3 for Upstash's base64 stays under 1 MB. */
export const MAX_REPLY_BYTES = 640 * 1024;
/** Size assumed for a value whose size the caller did not give (summaries, records, versions). */
export const DEFAULT_VALUE_BYTES = 2 * 1024;

export type MgetOptions = {
  /** Expected size of each value (one number for all, or one per key), so batches stay under MAX_REPLY_BYTES. */
  valueBytes?: number | number[];
};

/** [start, end) index ranges of `count` keys: each within `maxBytes` of expected values and `maxKeys` keys. */
export function readBatches(count: number, options: MgetOptions = {}, maxKeys = 1000, maxBytes = MAX_REPLY_BYTES): [number, number][] {
  const sizes = options.valueBytes;
  const sizeOf = (i: number) => (Array.isArray(sizes) ? (sizes[i] ?? DEFAULT_VALUE_BYTES) : (sizes ?? DEFAULT_VALUE_BYTES));
  const batches: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const size = Math.max(1, sizeOf(i));
    if (i > start && (i - start >= maxKeys || bytes + size > maxBytes)) {
      batches.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (count > start) batches.push([start, count]);
  return batches;
}

/**
 * Runs `readBatch` once per batch, at most `concurrency` at a time, and returns the values in key
 * order. Backends that pipeline over one connection take them all at once; the embedded files
 * take them a few at a time so a large read never opens more files than the process may.
 */
export async function mgetInBatches(
  keys: string[],
  options: MgetOptions | undefined,
  readBatch: (keys: string[], expectedBytes: number) => Promise<(string | null)[]>,
  limits: { maxKeys: number; concurrency: number },
): Promise<(string | null)[]> {
  if (!keys.length) return [];
  const sizes = options?.valueBytes;
  const expected = (start: number, end: number) =>
    Array.isArray(sizes) ? sizes.slice(start, end).reduce((n, s) => n + s, 0) : (end - start) * (sizes ?? DEFAULT_VALUE_BYTES);
  const batches = readBatches(keys.length, options, limits.maxKeys);
  const out: (string | null)[] = new Array(keys.length);
  for (let i = 0; i < batches.length; i += limits.concurrency) {
    await Promise.all(
      batches.slice(i, i + limits.concurrency).map(async ([start, end]) => {
        const values = await readBatch(keys.slice(start, end), expected(start, end));
        values.forEach((v, j) => (out[start + j] = v ?? null));
      }),
    );
  }
  return out;
}
