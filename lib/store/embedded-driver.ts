/**
 * The default backend: one small JSON file per key under DATA_DIR/kv (embedded-files.ts), no
 * server needed. Read-modify-writes of one key are serialized within the process; atomic renames
 * and link(2) keep other processes from seeing half a write or taking a held lock.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StoreUnavailableError } from '../errors';
import type { KvDriver, SetOptions } from './driver';
import { EntryFiles, removeStaleTempFiles } from './embedded-files';

type Guard = <T>(what: string, fn: () => Promise<T>) => Promise<T>;
type Exclusive = <T>(key: string, fn: () => Promise<T>) => Promise<T>;
type Commands = { files: EntryFiles; guard: Guard; exclusive: Exclusive };

/** Creates the folder before the first command (again after a failure) and reports failures as StoreUnavailableError. */
function guardFor(dir: string): Guard {
  let ready: Promise<unknown> | undefined;
  const ensureDir = () =>
    (ready ??= fs.mkdir(dir, { recursive: true }).then(() => {
      // In the background: a large store's folder listing must not delay the first request.
      removeStaleTempFiles(dir).catch(() => undefined);
    }));
  return async (what, fn) => {
    try {
      await ensureDir();
      return await fn();
    } catch (err) {
      ready = undefined;
      if (err instanceof StoreUnavailableError) throw err;
      throw new StoreUnavailableError(`embedded store at ${dir}: ${what} failed: ${(err as Error).message}`);
    }
  };
}

/** Serializes read-modify-writes of one key within this process. */
function keyQueue(): Exclusive {
  const queued = new Map<string, Promise<unknown>>();
  return (key, fn) => {
    const run = (queued.get(key) ?? Promise.resolve()).then(fn, fn);
    queued.set(key, run.catch(() => undefined));
    return run;
  };
}

const expiry = (ttlSeconds?: number) => (ttlSeconds ? Date.now() + Math.ceil(ttlSeconds * 1000) : undefined);

function valueCommands({ files, guard, exclusive }: Commands) {
  return {
    get: (key: string) => guard('get', async () => (await files.read(key))?.v ?? null),
    mget: (keys: string[]) => guard('mget', () => Promise.all(keys.map(async (k) => (await files.read(k))?.v ?? null))),
    set: (key: string, value: string, options: SetOptions = {}) =>
      guard('set', async () => {
        const entry = { v: value, exp: expiry(options.ttlSeconds) };
        if (options.onlyIfAbsent) return files.writeIfAbsent(key, entry);
        await exclusive(key, () => files.write(key, entry));
        return true;
      }),
    mset: (entries: [string, string][]) =>
      guard('mset', async () => {
        await Promise.all(entries.map(([k, v]) => exclusive(k, () => files.write(k, { v }))));
      }),
    del: (keys: string[]) =>
      guard('del', async () => {
        await Promise.all(keys.map((k) => files.remove(k)));
      }),
    delIfEquals: (key: string, value: string) =>
      guard('delIfEquals', () =>
        exclusive(key, async () => {
          if ((await files.read(key))?.v !== value) return false;
          await files.remove(key);
          return true;
        }),
      ),
    incr: (key: string, ttlSeconds: number) =>
      guard('incr', () =>
        exclusive(key, async () => {
          const entry = await files.read(key);
          const n = Number(entry?.v ?? 0) + 1;
          await files.write(key, { v: String(n), exp: entry?.exp ?? expiry(ttlSeconds) });
          return n;
        }),
      ),
  };
}

function hashCommands({ files, guard, exclusive }: Commands) {
  return {
    hget: (key: string, field: string) => guard('hget', async () => (await files.read(key))?.h?.[field] ?? null),
    hset: (key: string, field: string, value: string) =>
      guard('hset', () =>
        exclusive(key, async () => {
          const entry = (await files.read(key)) ?? {};
          await files.write(key, { ...entry, h: { ...entry.h, [field]: value } });
        }),
      ),
    hdel: (key: string, field: string) =>
      guard('hdel', () =>
        exclusive(key, async () => {
          const entry = await files.read(key);
          if (!entry?.h || !(field in entry.h)) return false;
          const { [field]: _removed, ...rest } = entry.h;
          await files.write(key, { ...entry, h: rest });
          return true;
        }),
      ),
    hgetall: (key: string) => guard('hgetall', async () => ({ ...(await files.read(key))?.h })),
  };
}

export function createEmbeddedDriver(dataDir: string): KvDriver {
  const dir = path.resolve(dataDir, 'kv');
  const commands: Commands = { files: new EntryFiles(dir), guard: guardFor(dir), exclusive: keyQueue() };
  return {
    backend: 'embedded' as const,
    ...valueCommands(commands),
    ...hashCommands(commands),
    ping: () =>
      commands.guard('ping', async () => {
        await fs.access(dir, fs.constants.W_OK);
      }),
    close: async () => {},
  } satisfies KvDriver;
}
