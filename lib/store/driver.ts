/**
 * The few key-value primitives every storage backend provides. All store logic (the Store,
 * lib/store/store.ts) is written once against this; each backend's driver `satisfies KvDriver` and
 * passes the shared contract suite (tests/store/contract.ts). Values are strings: the store layer
 * owns JSON. Every method throws StoreUnavailableError when the backend cannot be reached.
 */
export type SetOptions = {
  /** Expire the key after this many seconds (may be fractional; backends round up to milliseconds). */
  ttlSeconds?: number;
  /** Write only when the key does not exist (SET NX); returns false when it existed. */
  onlyIfAbsent?: boolean;
};

export interface KvDriver {
  readonly backend: 'embedded' | 'redis' | 'vercel-kv';
  get(key: string): Promise<string | null>;
  /** One round trip for any number of keys. */
  mget(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(keys: string[]): Promise<void>;
  /** Many keys in one round trip (no TTL). */
  mset(entries: [key: string, value: string][]): Promise<void>;
  /** Delete `key` only while it still holds `value` (lock release); atomic. */
  delIfEquals(key: string, value: string): Promise<boolean>;
  /** Atomic increment; the TTL is set when the counter is created. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, field: string, value: string): Promise<void>;
  hdel(key: string, field: string): Promise<boolean>;
  hgetall(key: string): Promise<Record<string, string>>;
  /** Cheap reachability check for /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
