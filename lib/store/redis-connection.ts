/**
 * The Redis connection behind redis-driver.ts, chosen for serverless functions and small servers
 * alike:
 * - the client is created and connected lazily, on the first command;
 * - a connect attempt is bounded (REDIS_CONNECT_TIMEOUT_MS) and retried at most
 *   REDIS_MAX_RECONNECTS times, then the client is dropped and the command fails with
 *   StoreUnavailableError; the next command starts a fresh client (no endless reconnect storm);
 * - commands are not queued while disconnected and time out after REDIS_COMMAND_TIMEOUT_MS, so a
 *   request answers 503 quickly instead of hanging until the platform kills it.
 */
import { createClient } from 'redis';
import { StoreUnavailableError } from '../errors';

/** @default 3000 */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;
/** @default 5000 */
export const REDIS_COMMAND_TIMEOUT_MS = 5_000;
/** Reconnect attempts after a dropped or failed connection before giving up. @default 2 */
export const REDIS_MAX_RECONNECTS = 2;

export type RedisClient = ReturnType<typeof createRedisClient>;

export type RedisConnection = {
  /** Runs one command on a connected client; any failure becomes StoreUnavailableError naming `what`. */
  run<T>(what: string, fn: (client: RedisClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

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
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => (retries >= REDIS_MAX_RECONNECTS ? false : Math.min(100 * 2 ** retries, 1_000)),
    },
  });
}

export function createRedisConnection(url: string): RedisConnection {
  const where = describeRedisUrl(url);
  let connecting: Promise<RedisClient> | undefined;
  let lastError: Error | undefined;

  const connect = (): Promise<RedisClient> => {
    const client = createRedisClient(url);
    // Without a listener node-redis rethrows socket errors as uncaught exceptions.
    client.on('error', (err: Error) => (lastError = err));
    const ready = client.connect().then(() => client as unknown as RedisClient);
    ready.catch(() => {
      if (connecting === ready) connecting = undefined;
      client.destroy();
    });
    return ready;
  };

  const clientOf = async (): Promise<RedisClient> => {
    const current = await (connecting ??= connect());
    // The reconnect strategy gave up on a once-healthy connection: start over on this call.
    if (!current.isOpen) {
      connecting = undefined;
      return (connecting = connect());
    }
    return current;
  };

  return {
    async run(what, fn) {
      try {
        return await fn(await clientOf());
      } catch (err) {
        const message = (err as Error)?.message || lastError?.message || String(err);
        throw new StoreUnavailableError(`${where}: ${what} failed: ${message}`);
      }
    },
    async close() {
      const current = connecting;
      connecting = undefined;
      const client = await current?.catch(() => undefined);
      if (client?.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}
