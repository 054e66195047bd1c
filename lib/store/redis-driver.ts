/**
 * The Redis backend over TCP (`redis` v6): self-hosting, Vercel's Redis marketplace integration,
 * or any `redis://` / `rediss://` URL in REDIS_URL.
 *
 * Connection policy, chosen for serverless functions and small servers alike:
 * - the client is created and connected lazily, on the first command;
 * - a connect attempt is bounded (REDIS_CONNECT_TIMEOUT_MS) and retried at most
 *   REDIS_MAX_RECONNECTS times, then the client is dropped and the command fails with
 *   StoreUnavailableError; the next command starts a fresh client (no endless reconnect storm);
 * - commands are not queued while disconnected and time out after REDIS_COMMAND_TIMEOUT_MS, so a
 *   request answers 503 quickly instead of hanging until the platform kills it.
 */
import { createClient } from 'redis';
import { StoreUnavailableError } from '../errors';
import type { KvDriver, SetOptions } from './driver';

/** @default 3000 */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;
/** @default 5000 */
export const REDIS_COMMAND_TIMEOUT_MS = 5_000;
/** Reconnect attempts after a dropped or failed connection before giving up. @default 2 */
export const REDIS_MAX_RECONNECTS = 2;

/** Deletes KEYS[1] only while it holds ARGV[1] (lock release by its owner); atomic on the server. */
const DEL_IF_EQUALS_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** INCR that sets the TTL (ms, ARGV[1]) when the counter is created, atomically. */
const INCR_WITH_TTL_LUA = `local n = redis.call('INCR', KEYS[1]) if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

type Client = ReturnType<typeof createRedisClient>;

/** Host and port only: REDIS_URL carries the password, which must never reach a log line. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `redis at ${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'redis (unparsable REDIS_URL)';
  }
}

const ttlMs = (ttlSeconds: number) => Math.max(1, Math.ceil(ttlSeconds * 1000));

function createRedisClient(url: string) {
  return createClient({
    url,
    // RESP2 replies are plain strings/arrays, the same shapes on every Redis-compatible server.
    RESP: 2,
    disableOfflineQueue: true,
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => (retries >= REDIS_MAX_RECONNECTS ? false : Math.min(100 * 2 ** retries, 1_000)),
    },
  });
}

export function createRedisDriver(url: string): KvDriver {
  const where = describeRedisUrl(url);
  let connecting: Promise<Client> | undefined;
  let lastError: Error | undefined;

  const connect = (): Promise<Client> => {
    const client = createRedisClient(url);
    // Without a listener node-redis rethrows socket errors as uncaught exceptions.
    client.on('error', (err: Error) => (lastError = err));
    const ready = client.connect().then(() => client as unknown as Client);
    ready.catch(() => {
      if (connecting === ready) connecting = undefined;
      client.destroy();
    });
    return ready;
  };

  const clientOf = async (): Promise<Client> => {
    const current = await (connecting ??= connect());
    // The reconnect strategy gave up on a once-healthy connection: start over on this call.
    if (!current.isOpen) {
      connecting = undefined;
      return (connecting = connect());
    }
    return current;
  };

  const run = async <T>(what: string, fn: (client: Client) => Promise<T>): Promise<T> => {
    try {
      return await fn(await clientOf());
    } catch (err) {
      const message = (err as Error)?.message || lastError?.message || String(err);
      throw new StoreUnavailableError(`${where}: ${what} failed: ${message}`);
    }
  };

  const driver = {
    backend: 'redis' as const,
    get: (key: string) => run('GET', (c) => c.get(key)),
    mget: (keys: string[]) => (keys.length ? run('MGET', (c) => c.mGet(keys)) : Promise.resolve([])),
    set: (key: string, value: string, options: SetOptions = {}) =>
      run('SET', async (c) => {
        const reply = await c.set(key, value, {
          ...(options.ttlSeconds ? { expiration: { type: 'PX' as const, value: ttlMs(options.ttlSeconds) } } : {}),
          ...(options.onlyIfAbsent ? { condition: 'NX' as const } : {}),
        });
        return reply === 'OK';
      }),
    del: async (keys: string[]) => {
      if (keys.length) await run('DEL', (c) => c.del(keys));
    },
    mset: async (entries: [string, string][]) => {
      if (entries.length) await run('MSET', (c) => c.mSet(entries));
    },
    delIfEquals: (key: string, value: string) =>
      run('EVAL del-if-equals', async (c) => Number(await c.eval(DEL_IF_EQUALS_LUA, { keys: [key], arguments: [value] })) === 1),
    incr: (key: string, ttlSeconds: number) =>
      run('EVAL incr-with-ttl', async (c) =>
        Number(await c.eval(INCR_WITH_TTL_LUA, { keys: [key], arguments: [String(ttlMs(ttlSeconds))] })),
      ),
    hget: (key: string, field: string) => run('HGET', async (c) => (await c.hGet(key, field)) ?? null),
    hset: async (key: string, field: string, value: string) => {
      await run('HSET', (c) => c.hSet(key, field, value));
    },
    hdel: (key: string, field: string) => run('HDEL', async (c) => Number(await c.hDel(key, field)) > 0),
    hgetall: (key: string) => run('HGETALL', async (c) => ({ ...(await c.hGetAll(key)) }) as Record<string, string>),
    ping: async () => {
      await run('PING', (c) => c.ping());
    },
    close: async () => {
      const current = connecting;
      connecting = undefined;
      const client = await current?.catch(() => undefined);
      if (client?.isOpen) await client.close().catch(() => client.destroy());
    },
  } satisfies KvDriver;
  return driver;
}
