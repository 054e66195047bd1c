/**
 * The Vercel KV / Upstash backend: Redis commands over Upstash's REST protocol (HTTPS, no TCP),
 * so it works from any serverless function. Chosen when KV_REST_API_URL + KV_REST_API_TOKEN (or
 * UPSTASH_REDIS_REST_URL/_TOKEN) are set.
 *
 * Everything specific to `@vercel/kv` lives in this one file. Upstream marks `@vercel/kv`
 * deprecated in favour of `@upstash/redis`, which it wraps: swapping means replacing the import
 * and `createClient(...)` with `new Redis(...)` from `@upstash/redis` — the options are the same.
 *
 * Client settings, and why:
 * - created lazily, only when this backend is chosen: `@vercel/kv`'s default export throws
 *   synchronously when its env is missing, so we never touch it and pass url/token explicitly;
 * - `automaticDeserialization: false`: values are our own JSON strings and must come back
 *   byte-identical (the default would JSON.parse them, and turn "123" into a number);
 * - base64 response encoding (the client's default) stays on, so non-UTF-8 or odd bytes survive;
 * - retries bounded to KV_RETRIES with a short backoff, and each request aborted after
 *   KV_REQUEST_TIMEOUT_MS: the default (5 retries, ~4 s) keeps a feed request hanging on a dead
 *   endpoint;
 * - auto-pipelining stays on (the @vercel/kv default): commands issued in the same tick go out as
 *   one `/pipeline` request, each a separate round trip otherwise.
 */
import { createClient } from '@vercel/kv';
import { StoreUnavailableError } from '../errors';
import type { KvDriver, SetOptions } from './driver';
import { DEL_IF_EQUALS_LUA, INCR_WITH_TTL_LUA, ttlMs } from './redis-scripts';

/** Extra attempts after a network error. @default 2 */
export const KV_RETRIES = 2;
/** @default 8000 */
export const KV_REQUEST_TIMEOUT_MS = 8_000;

type Client = ReturnType<typeof createClient>;

/** The REST origin only (the token is a header, never part of the URL we log). */
export function describeKvUrl(url: string): string {
  try {
    return `Vercel KV/Upstash at ${new URL(url).host}`;
  } catch {
    return 'Vercel KV/Upstash (unparsable REST URL)';
  }
}

function createKvClient(url: string, token: string): Client {
  return createClient({
    url,
    token,
    automaticDeserialization: false,
    enableAutoPipelining: true,
    // Route handlers must not serve store reads from Next.js' fetch cache.
    cache: 'no-store',
    retry: { retries: KV_RETRIES, backoff: (attempt) => 100 * 2 ** attempt },
    signal: () => AbortSignal.timeout(KV_REQUEST_TIMEOUT_MS),
  });
}

/** HGETALL without deserialization answers a flat [field, value, …] list (or null when empty). */
function toRecord(reply: unknown): Record<string, string> {
  if (!reply) return {};
  if (!Array.isArray(reply)) return { ...(reply as Record<string, string>) };
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  return out;
}

const asString = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function createVercelKvDriver(url: string, token: string): KvDriver {
  const where = describeKvUrl(url);
  let client: Client | undefined;

  const run = async <T>(what: string, fn: (c: Client) => Promise<T>): Promise<T> => {
    try {
      client ??= createKvClient(url, token);
      return await fn(client);
    } catch (err) {
      const e = err as Error;
      const cause = (e?.cause as Error | undefined)?.message;
      throw new StoreUnavailableError(`${where}: ${what} failed: ${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`);
    }
  };

  const driver = {
    backend: 'vercel-kv' as const,
    get: (key: string) => run('GET', async (c) => asString(await c.get(key))),
    mget: (keys: string[]) =>
      keys.length ? run('MGET', async (c) => (await c.mget<unknown[]>(keys)).map(asString)) : Promise.resolve([]),
    set: (key: string, value: string, options: SetOptions = {}) =>
      run('SET', async (c) => {
        const px = options.ttlSeconds ? ttlMs(options.ttlSeconds) : undefined;
        const reply =
          px !== undefined
            ? await c.set(key, value, options.onlyIfAbsent ? { px, nx: true } : { px })
            : await c.set(key, value, options.onlyIfAbsent ? { nx: true } : undefined);
        return reply === 'OK';
      }),
    del: async (keys: string[]) => {
      if (keys.length) await run('DEL', (c) => c.del(...keys));
    },
    mset: async (entries: [string, string][]) => {
      if (entries.length) await run('MSET', (c) => c.mset(Object.fromEntries(entries)));
    },
    delIfEquals: (key: string, value: string) =>
      run('EVAL del-if-equals', async (c) => Number(await c.eval(DEL_IF_EQUALS_LUA, [key], [value])) === 1),
    incr: (key: string, ttlSeconds: number) =>
      run('EVAL incr-with-ttl', async (c) => Number(await c.eval(INCR_WITH_TTL_LUA, [key], [String(ttlMs(ttlSeconds))]))),
    hget: (key: string, field: string) => run('HGET', async (c) => asString(await c.hget(key, field))),
    hset: async (key: string, field: string, value: string) => {
      await run('HSET', (c) => c.hset(key, { [field]: value }));
    },
    hdel: (key: string, field: string) => run('HDEL', async (c) => Number(await c.hdel(key, field)) > 0),
    hgetall: (key: string) => run('HGETALL', async (c) => toRecord(await c.hgetall(key))),
    ping: async () => {
      await run('PING', (c) => c.ping());
    },
    // HTTP: nothing to close; forget the client so a later call starts clean.
    close: async () => {
      client = undefined;
    },
  } satisfies KvDriver;
  return driver;
}
