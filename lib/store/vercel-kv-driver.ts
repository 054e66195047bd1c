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
 * - retries bounded to KV_RETRIES with a short backoff, each request aborted after the driver's
 *   deadline (STORE_TIMEOUT_MS), and the whole call, retries included, bounded by that deadline
 *   too: the default (5 retries, ~4 s) keeps a feed request hanging on a dead endpoint, and an
 *   endpoint that accepts the request but never answers would hold it until the platform kills it;
 * - auto-pipelining stays on (the @vercel/kv default): commands issued in the same tick go out as
 *   one `/pipeline` request, each a separate round trip otherwise;
 * - except for large multi-gets: their batches (read-batches.ts) go out on a second client without
 *   auto-pipelining, one HTTP request each and all at once, because a pipeline's reply is the sum
 *   of its commands' replies and must stay under Upstash's request size limit.
 */
import { createClient } from '@vercel/kv';
import { StoreCorruptError, StoreUnavailableError } from '../errors';
import { DEFAULT_STORE_TIMEOUT_MS, type DriverOptions, type KvDriver, type MsetOptions, type SetOptions } from './driver';
import { mgetInBatches, type MgetOptions } from './read-batches';
import { DEL_IF_EQUALS_LUA, EXPIRE_IF_EQUALS_LUA, INCR_WITH_TTL_LUA, ttlMs } from './redis-scripts';
import { withDeadline } from './store-deadline';

/** Extra attempts after a network error. @default 2 */
export const KV_RETRIES = 2;
/** A multi-get expected to answer more than this bypasses the auto-pipeline (its own HTTP request). */
export const KV_PIPELINED_MGET_MAX_BYTES = 64 * 1024;
const KV_MGET_MAX_KEYS = 1000;

type Client = ReturnType<typeof createClient>;

/** The REST origin only (the token is a header, never part of the URL we log). */
export function describeKvUrl(url: string): string {
  try {
    return `Vercel KV/Upstash at ${new URL(url).host}`;
  } catch {
    return 'Vercel KV/Upstash (unparsable REST URL)';
  }
}

function createKvClient(url: string, token: string, timeoutMs: number, enableAutoPipelining = true): Client {
  return createClient({
    url,
    token,
    automaticDeserialization: false,
    enableAutoPipelining,
    // Route handlers must not serve store reads from Next.js' fetch cache.
    cache: 'no-store',
    retry: { retries: KV_RETRIES, backoff: (attempt) => 100 * 2 ** attempt },
    signal: () => AbortSignal.timeout(timeoutMs),
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

/** A reply of the wrong type (a hash where a string belongs) is damaged data, not an outage. */
function storeError(where: string, what: string, err: unknown): Error {
  const e = err as Error;
  const cause = (e?.cause as Error | undefined)?.message;
  const message = `${where}: ${what} failed: ${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
  return /\bWRONGTYPE\b/.test(e?.message ?? '') ? new StoreCorruptError(message) : new StoreUnavailableError(message);
}

/** Runs commands on the auto-pipelining client, or (`pipelined` false) on the one without, both created lazily. */
function kvRunner(url: string, token: string, timeoutMs: number) {
  const where = describeKvUrl(url);
  let client: Client | undefined;
  let direct: Client | undefined;
  const run = async <T>(what: string, fn: (c: Client) => Promise<T>, pipelined = true): Promise<T> => {
    try {
      const c = pipelined ? (client ??= createKvClient(url, token, timeoutMs)) : (direct ??= createKvClient(url, token, timeoutMs, false));
      return await withDeadline(fn(c), timeoutMs);
    } catch (err) {
      throw storeError(where, what, err);
    }
  };
  const forget = () => {
    client = undefined;
    direct = undefined;
  };
  return { run, forget };
}

export function createVercelKvDriver(url: string, token: string, options: DriverOptions = {}): KvDriver {
  const { run, forget } = kvRunner(url, token, options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS);

  const driver = {
    backend: 'vercel-kv' as const,
    get: (key: string) => run('GET', async (c) => asString(await c.get(key))),
    mget: (keys: string[], options?: MgetOptions) =>
      mgetInBatches(
        keys,
        options,
        (batch, expectedBytes) =>
          run('MGET', async (c) => (await c.mget<unknown[]>(batch)).map(asString), expectedBytes <= KV_PIPELINED_MGET_MAX_BYTES),
        { maxKeys: KV_MGET_MAX_KEYS, concurrency: Infinity },
      ),
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
    mset: async (entries: [string, string][], options: MsetOptions = {}) => {
      if (!entries.length) return;
      if (!options.ttlSeconds) return void (await run('MSET', (c) => c.mset(Object.fromEntries(entries))));
      // MSET takes no TTL: one MULTI/EXEC of SET … PX, still one HTTP request.
      const px = ttlMs(options.ttlSeconds);
      await run('MULTI SET', (c) => entries.reduce((m, [k, v]) => m.set(k, v, { px }), c.multi()).exec());
    },
    delIfEquals: (key: string, value: string) =>
      run('EVAL del-if-equals', async (c) => Number(await c.eval(DEL_IF_EQUALS_LUA, [key], [value])) === 1),
    expireIfEquals: (key: string, value: string, ttlSeconds: number) =>
      run('EVAL expire-if-equals', async (c) => Number(await c.eval(EXPIRE_IF_EQUALS_LUA, [key], [value, String(ttlMs(ttlSeconds))])) === 1),
    incr: (key: string, ttlSeconds: number) =>
      run('EVAL incr-with-ttl', async (c) => Number(await c.eval(INCR_WITH_TTL_LUA, [key], [String(ttlMs(ttlSeconds))]))),
    hget: (key: string, field: string) => run('HGET', async (c) => asString(await c.hget(key, field))),
    hset: async (key: string, field: string, value: string) => {
      await run('HSET', (c) => c.hset(key, { [field]: value }));
    },
    hsetMany: async (key: string, fields: Record<string, string>) => {
      if (Object.keys(fields).length) await run('HSET', (c) => c.hset(key, fields));
    },
    hdel: (key: string, field: string) => run('HDEL', async (c) => Number(await c.hdel(key, field)) > 0),
    hgetall: (key: string) => run('HGETALL', async (c) => toRecord(await c.hgetall(key))),
    ping: async () => {
      await run('PING', (c) => c.ping());
    },
    // HTTP: nothing to close; forget the client so a later call starts clean.
    close: async () => forget(),
  } satisfies KvDriver;
  return driver;
}
