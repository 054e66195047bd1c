/**
 * The Redis connection behind redis-driver.ts, chosen for serverless functions and small servers
 * alike:
 * - the client is created and connected lazily, on the first command;
 * - a connect attempt is bounded (REDIS_CONNECT_TIMEOUT_MS) and retried at most
 *   REDIS_MAX_RECONNECTS times, then the client is dropped and the command fails with
 *   StoreUnavailableError; the next command starts a fresh client (no endless reconnect storm);
 * - commands are not queued while disconnected, and every call (connect, send, reply) has one
 *   end-to-end deadline (STORE_TIMEOUT_MS): a server that stops answering (paused, or a network
 *   that drops packets) costs a request 503 after that long, never a hang, and the connection is
 *   dropped so the next call starts afresh.
 */
import { createClient } from 'redis';
import { StoreCorruptError, StoreUnavailableError } from '../errors';
import { DEFAULT_STORE_TIMEOUT_MS, type DriverOptions } from './driver';
import { DeadlineError, withDeadline } from './store-deadline';

/** @default 3000 */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;
/** Reconnect attempts after a dropped or failed connection before giving up. @default 2 */
export const REDIS_MAX_RECONNECTS = 2;

export type RedisClient = ReturnType<typeof createRedisClient>;

export type RedisConnection = {
  /** Runs one command on a connected client; any failure becomes StoreUnavailableError naming `what`. */
  run<T>(what: string, fn: (client: RedisClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

type Connection = { client: RedisClient; ready: Promise<RedisClient> };

/** Host and port only: REDIS_URL carries the password, which must never reach a log line. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `redis at ${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'redis (unparsable REDIS_URL)';
  }
}

function createRedisClient(url: string) {
  return createClient({
    url,
    // RESP2 replies are plain strings/arrays, the same shapes on every Redis-compatible server.
    RESP: 2,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => (retries >= REDIS_MAX_RECONNECTS ? false : Math.min(100 * 2 ** retries, 1_000)),
    },
  });
}

/** A reply of the wrong type (a hash where a string belongs) is damaged data, not an outage. */
function storeError(where: string, what: string, err: unknown, lastError: Error | undefined): Error {
  const message = (err as Error)?.message || lastError?.message || String(err);
  const text = `${where}: ${what} failed: ${message}`;
  return /\bWRONGTYPE\b/.test(message) ? new StoreCorruptError(text) : new StoreUnavailableError(text);
}

export function createRedisConnection(url: string, options: DriverOptions = {}): RedisConnection {
  const where = describeRedisUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  let current: Connection | undefined;
  let lastError: Error | undefined;

  const drop = (conn: Connection) => {
    if (current === conn) current = undefined;
    try {
      conn.client.destroy();
    } catch {
      // already closed
    }
  };
  const connect = (): Connection => {
    const client = createRedisClient(url);
    // Without a listener node-redis rethrows socket errors as uncaught exceptions.
    client.on('error', (err: Error) => (lastError = err));
    const conn: Connection = { client, ready: client.connect().then(() => client) };
    conn.ready.catch(() => drop(conn));
    return conn;
  };
  /** A connected client; when the reconnect strategy gave up on a once-healthy one, a new one. */
  const open = async (): Promise<[Connection, RedisClient]> => {
    let conn = (current ??= connect());
    let client = await conn.ready;
    if (!client.isOpen) {
      drop(conn);
      conn = current = connect();
      client = await conn.ready;
    }
    return [conn, client];
  };

  return {
    async run(what, fn) {
      let used: Connection | undefined;
      const call = open().then(([conn, client]) => {
        used = conn;
        return fn(client);
      });
      try {
        return await withDeadline(call, timeoutMs);
      } catch (err) {
        // Still connecting when the deadline passed: the connection being made is the one to drop.
        const stale = err instanceof DeadlineError ? (used ?? current) : undefined;
        if (stale) drop(stale);
        throw storeError(where, what, err, lastError);
      }
    },
    async close() {
      const conn = current;
      current = undefined;
      const client = await conn?.ready.catch(() => undefined);
      if (client?.isOpen) await withDeadline(client.close(), timeoutMs).catch(() => client.destroy());
    },
  };
}
