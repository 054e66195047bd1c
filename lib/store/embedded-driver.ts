/**
 * The default backend: one small JSON file per key under DATA_DIR/kv (embedded-files.ts), no
 * server needed. Read-modify-writes of one key are serialized within the process; atomic renames
 * and link(2) keep other processes from seeing half a write or taking a held lock, and claims
 * (embedded-claims.ts) keep two processes from taking over the same expired lock. Files of
 * expired keys are deleted in the background (embedded-sweep.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StoreUnavailableError } from '../errors';
import type { KvDriver, MsetOptions, SetOptions } from './driver';
import { EntryFiles } from './embedded-files';
import { ExpirySweeper, type SweepOptions } from './embedded-sweep';
import { createKeyQueue } from './key-queue';
import { mgetInBatches, type MgetOptions } from './read-batches';

type Guard = <T>(what: string, fn: () => Promise<T>) => Promise<T>;
type Exclusive = <T>(key: string, fn: () => Promise<T>) => Promise<T>;
type Commands = { files: EntryFiles; guard: Guard; exclusive: Exclusive };

/**
 * Creates the folder before the first command (again after a failure), gives the sweeper its
 * chance (rate-limited, in the background) and reports failures as StoreUnavailableError.
 */
function guardFor(dir: string, sweeper: ExpirySweeper): Guard {
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => (ready ??= fs.mkdir(dir, { recursive: true }));
  return async (what, fn) => {
    try {
      await ensureDir();
      sweeper.poke();
      return await fn();
    } catch (err) {
      ready = undefined;
      if (err instanceof StoreUnavailableError) throw err;
      throw new StoreUnavailableError(`embedded store at ${dir}: ${what} failed: ${(err as Error).message}`);
    }
  };
}

/** Files read at once by one mget: well under the 1,024 open files many hosts allow a process. */
export const EMBEDDED_READ_CONCURRENCY = 64;

const expiry = (ttlSeconds?: number) => (ttlSeconds ? Date.now() + Math.ceil(ttlSeconds * 1000) : undefined);

function valueCommands({ files, guard, exclusive }: Commands) {
  return {
    get: (key: string) => guard('get', () => files.readString(key)),
    mget: (keys: string[], options?: MgetOptions) =>
      guard('mget', () =>
        mgetInBatches(keys, options, (batch) => Promise.all(batch.map(async (k) => (await files.read(k))?.v ?? null)), {
          maxKeys: EMBEDDED_READ_CONCURRENCY,
          concurrency: 1,
        }),
      ),
    set: (key: string, value: string, options: SetOptions = {}) =>
      guard('set', async () => {
        const entry = { v: value, exp: expiry(options.ttlSeconds) };
        if (options.onlyIfAbsent) return files.writeIfAbsent(key, entry);
        await exclusive(key, () => files.write(key, entry));
        return true;
      }),
    mset: (entries: [string, string][], options: MsetOptions = {}) =>
      guard('mset', async () => {
        const exp = expiry(options.ttlSeconds);
        await Promise.all(entries.map(([k, v]) => exclusive(k, () => files.write(k, { v, exp }))));
      }),
    del: (keys: string[]) =>
      guard('del', async () => {
        await Promise.all(keys.map((k) => files.remove(k)));
      }),
    delIfEquals: (key: string, value: string) => guard('delIfEquals', () => files.removeIfValue(key, value)),
    expireIfEquals: (key: string, value: string, ttlSeconds: number) =>
      guard('expireIfEquals', () => files.renewIfValue(key, value, expiry(ttlSeconds)!)),
    incr: (key: string, ttlSeconds: number) =>
      guard('incr', () =>
        exclusive(key, async () => {
          // A counter that is missing, expired or not an integer (damaged) starts over.
          const counter = await files.readCounter(key);
          const n = (counter?.n ?? 0) + 1;
          await files.write(key, { v: String(n), exp: counter?.exp ?? expiry(ttlSeconds) });
          return n;
        }),
      ),
  };
}

function hashCommands({ files, guard, exclusive }: Commands) {
  return {
    hget: (key: string, field: string) => guard('hget', async () => (await files.readHash(key))?.h?.[field] ?? null),
    hset: (key: string, field: string, value: string) =>
      guard('hset', () =>
        exclusive(key, async () => {
          const entry = (await files.readHash(key)) ?? {};
          await files.write(key, { ...entry, h: { ...entry.h, [field]: value } });
        }),
      ),
    hsetMany: (key: string, fields: Record<string, string>) =>
      guard('hsetMany', () =>
        exclusive(key, async () => {
          const entry = (await files.readHash(key)) ?? {};
          await files.write(key, { ...entry, h: { ...entry.h, ...fields } });
        }),
      ),
    hdel: (key: string, field: string) =>
      guard('hdel', () =>
        exclusive(key, async () => {
          const entry = await files.readHash(key);
          if (!entry?.h || !(field in entry.h)) return false;
          const { [field]: _removed, ...rest } = entry.h;
          await files.write(key, { ...entry, h: rest });
          return true;
        }),
      ),
    hgetall: (key: string) => guard('hgetall', async () => ({ ...(await files.readHash(key))?.h })),
  };
}

export type EmbeddedOptions = { sweep?: SweepOptions };

export function createEmbeddedDriver(dataDir: string, options: EmbeddedOptions = {}): KvDriver {
  const dir = path.resolve(dataDir, 'kv');
  const sweeper = new ExpirySweeper(dir, options.sweep);
  const queue = createKeyQueue();
  const commands: Commands = { files: new EntryFiles(dir), guard: guardFor(dir, sweeper), exclusive: (key, fn) => queue.run(key, fn) };
  return {
    backend: 'embedded' as const,
    ...valueCommands(commands),
    ...hashCommands(commands),
    ping: () =>
      commands.guard('ping', async () => {
        await fs.access(dir, fs.constants.W_OK);
      }),
    close: () => sweeper.close(),
  } satisfies KvDriver;
}
