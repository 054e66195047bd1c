/**
 * The few key-value primitives every storage backend provides. All store logic (the Store,
 * lib/store/store.ts) is written once against this; each backend's driver `satisfies KvDriver` and
 * passes the shared contract suite (tests/store/contract.ts). Values are strings: the store layer
 * owns JSON. Every method throws StoreUnavailableError when the backend cannot be reached or has
 * not answered within the driver's deadline, and StoreCorruptError when the key holds the wrong
 * type (a string where a hash belongs, or the reverse).
 */
import type { MgetOptions } from './read-batches';

export type SetOptions = {
  /** Expire the key after this many seconds (may be fractional; backends round up to milliseconds). */
  ttlSeconds?: number;
  /** Write only when the key does not exist (SET NX); returns false when it existed. */
  onlyIfAbsent?: boolean;
};

export type MsetOptions = Pick<SetOptions, 'ttlSeconds'>;

/**
 * End-to-end deadline of one call to a network backend (connect, send, reply), so a server that
 * stops answering costs a request 503 after this long rather than a hang. STORE_TIMEOUT_MS.
 * @default 5000
 */
export const DEFAULT_STORE_TIMEOUT_MS = 5_000;

export type DriverOptions = {
  /** @default DEFAULT_STORE_TIMEOUT_MS */
  timeoutMs?: number;
};

export interface KvDriver {
  readonly backend: 'embedded' | 'redis' | 'vercel-kv';
  get(key: string): Promise<string | null>;
  /**
   * Values in key order, null for missing keys. Split into commands whose replies stay under
   * MAX_REPLY_BYTES (read-batches.ts), sent together where the backend pipelines them.
   */
  mget(keys: string[], options?: MgetOptions): Promise<(string | null)[]>;
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(keys: string[]): Promise<void>;
  /** Many keys in one round trip, all with the same TTL when one is given. */
  mset(entries: [key: string, value: string][], options?: MsetOptions): Promise<void>;
  /** Delete `key` only while it still holds `value` (lock release); atomic. */
  delIfEquals(key: string, value: string): Promise<boolean>;
  /** Give `key` a new TTL only while it still holds `value` (lock renewal); atomic. */
  expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Atomic increment; the TTL is set when the counter is created. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, field: string, value: string): Promise<void>;
  /** Several fields of one hash in one command. */
  hsetMany(key: string, fields: Record<string, string>): Promise<void>;
  hdel(key: string, field: string): Promise<boolean>;
  hgetall(key: string): Promise<Record<string, string>>;
  /** Cheap reachability check for /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
