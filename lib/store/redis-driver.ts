/**
 * The Redis backend over TCP (`redis` v6): self-hosting, Vercel's Redis marketplace integration,
 * or any `redis://` / `rediss://` URL in REDIS_URL. The connection policy (lazy, bounded
 * reconnects, no offline queue, command timeouts) is in redis-connection.ts.
 */
import type { KvDriver, SetOptions } from './driver';
import { createRedisConnection } from './redis-connection';
import { DEL_IF_EQUALS_LUA, INCR_WITH_TTL_LUA, ttlMs } from './redis-scripts';

const setOptionsOf = (options: SetOptions) => ({
  ...(options.ttlSeconds ? { expiration: { type: 'PX' as const, value: ttlMs(options.ttlSeconds) } } : {}),
  ...(options.onlyIfAbsent ? { condition: 'NX' as const } : {}),
});

export function createRedisDriver(url: string): KvDriver {
  const { run, close } = createRedisConnection(url);
  return {
    backend: 'redis' as const,
    get: (key: string) => run('GET', (c) => c.get(key)),
    mget: (keys: string[]) => (keys.length ? run('MGET', (c) => c.mGet(keys)) : Promise.resolve([])),
    set: (key: string, value: string, options: SetOptions = {}) =>
      run('SET', async (c) => (await c.set(key, value, setOptionsOf(options))) === 'OK'),
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
    close,
  } satisfies KvDriver;
}
