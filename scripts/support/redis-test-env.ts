/**
 * Where the Redis-backed suites find their server, and whether they run:
 * - REDIS_TEST_URL (default redis://127.0.0.1:6379);
 * - unreachable on a laptop → the suite is skipped with one visible line saying why;
 * - unreachable with REQUIRE_REDIS=1 (CI) → the suite fails instead.
 * Every run writes under a unique key prefix and deletes it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { createServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL || 'redis://127.0.0.1:6379';
export const REQUIRE_REDIS = process.env.REQUIRE_REDIS === '1' || process.env.REQUIRE_REDIS === 'true';

/** Resolves to null when a Redis answers PING at `url`, else to the reason it does not. */
export async function probeRedis(url = REDIS_TEST_URL, timeoutMs = 1_000): Promise<string | null> {
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<string | null>((resolve) => {
    const socket = new Socket();
    const done = (reason: string | null) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer from ${hostname}:${port || 6379} within ${timeoutMs} ms`));
    socket.once('error', (err) => done(`${hostname}:${port || 6379} unreachable (${(err as NodeJS.ErrnoException).code ?? err.message})`));
    socket.connect(Number(port || 6379), hostname, () => done(null));
  });
  if (reachable) return reachable;
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return `PING failed: ${(err as Error).message}`;
  } finally {
    client.destroy();
  }
}

/**
 * Decides once per file. `skip` is the reason to skip (already printed), or null to run.
 * With REQUIRE_REDIS=1 an unreachable Redis never skips: the suite runs and fails loudly.
 */
export async function redisGate(suite: string): Promise<{ skip: string | null; unreachable: string | null }> {
  const unreachable = await probeRedis();
  if (unreachable && !REQUIRE_REDIS) {
    console.warn(`[${suite}] skipped: no Redis at ${REDIS_TEST_URL} (${unreachable}); set REDIS_TEST_URL or start redis-server (CI sets REQUIRE_REDIS=1 and fails instead).`);
    return { skip: unreachable, unreachable };
  }
  return { skip: null, unreachable };
}

export const uniquePrefix = (label: string) => `aftest:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;

/** Deletes every key under `prefix` (SCAN, never KEYS, so a shared server is not blocked). */
export async function deleteByPrefix(prefix: string, url = REDIS_TEST_URL): Promise<number> {
  const client = createClient({ url, RESP: 2 });
  client.on('error', () => {});
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length) deleted += await client.del(keys);
    }
  } finally {
    await client.close();
  }
  return deleted;
}

/** A TCP port on 127.0.0.1 with nothing listening (for "backend unreachable" tests). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
