/**
 * The Redis backend over TCP (`redis` v6): self-hosting, Vercel's Redis marketplace integration,
 * or any `redis://` / `rediss://` URL in REDIS_URL. The connection policy (lazy, bounded
 * reconnects, no offline queue, one deadline per call) is in redis-connection.ts.
 */
import type { DriverOptions, KvDriver, MsetOptions, SetOptions } from './driver';
import { createRedisConnection } from './redis-connection';
import { mgetInBatches, type MgetOptions } from './read-batches';
import { DEL_IF_EQUALS_LUA, EXPIRE_IF_EQUALS_LUA, INCR_WITH_TTL_LUA, ttlMs } from './redis-scripts';

/** Keys per MGET: the batches of one read go out together, pipelined on the one connection. */
const REDIS_MGET_MAX_KEYS = 1000;

const setOptionsOf = (options: SetOptions) => ({
  ...(options.ttlSeconds ? { expiration: { type: 'PX' as const, value: ttlMs(options.ttlSeconds) } } : {}),
  ...(options.onlyIfAbsent ? { condition: 'NX' as const } : {}),
});

export function createRedisDriver(url: string, options: DriverOptions = {}): KvDriver {
  const { run, close } = createRedisConnection(url, options);
  return {
    backend: 'redis' as const,
    get: (key: string) => run('GET', (c) => c.get(key)),
    mget: (keys: string[], options?: MgetOptions) =>
      mgetInBatches(keys, options, (batch) => run('MGET', (c) => c.mGet(batch)), { maxKeys: REDIS_MGET_MAX_KEYS, concurrency: Infinity }),
    set: (key: string, value: string, options: SetOptions = {}) =>
      run('SET', async (c) => (await c.set(key, value, setOptionsOf(options))) === 'OK'),
    del: async (keys: string[]) => {
      if (keys.length) await run('DEL', (c) => c.del(keys));
    },
    mset: async (entries: [string, string][], options: MsetOptions = {}) => {
      if (!entries.length) return;
      if (!options.ttlSeconds) return void (await run('MSET', (c) => c.mSet(entries)));
      // MSET takes no TTL: one transaction of SET … PX, still one round trip.
      const expiring = setOptionsOf({ ttlSeconds: options.ttlSeconds });
      await run('MULTI SET', (c) => {
        const multi = c.multi();
        for (const [k, v] of entries) multi.set(k, v, expiring);
        return multi.exec();
      });
    },
    delIfEquals: (key: string, value: string) =>
      run('EVAL del-if-equals', async (c) => Number(await c.eval(DEL_IF_EQUALS_LUA, { keys: [key], arguments: [value] })) === 1),
    expireIfEquals: (key: string, value: string, ttlSeconds: number) =>
      run('EVAL expire-if-equals', async (c) =>
        Number(await c.eval(EXPIRE_IF_EQUALS_LUA, { keys: [key], arguments: [value, String(ttlMs(ttlSeconds))] })) === 1,
      ),
    incr: (key: string, ttlSeconds: number) =>
      run('EVAL incr-with-ttl', async (c) =>
        Number(await c.eval(INCR_WITH_TTL_LUA, { keys: [key], arguments: [String(ttlMs(ttlSeconds))] })),
      ),
    hget: (key: string, field: string) => run('HGET', async (c) => (await c.hGet(key, field)) ?? null),
    hset: async (key: string, field: string, value: string) => {
      await run('HSET', (c) => c.hSet(key, field, value));
    },
    hsetMany: async (key: string, fields: Record<string, string>) => {
      if (Object.keys(fields).length) await run('HSET', (c) => c.hSet(key, fields));
    },
    hdel: (key: string, field: string) => run('HDEL', async (c) => Number(await c.hDel(key, field)) > 0),
    hgetall: (key: string) => run('HGETALL', async (c) => ({ ...(await c.hGetAll(key)) }) as Record<string, string>),
    ping: async () => {
      await run('PING', (c) => c.ping());
    },
    close,
  } satisfies KvDriver;
}
