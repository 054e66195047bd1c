/**
 * The default backend: one small JSON file per key under DATA_DIR/kv, no server needed.
 * Every write goes to a temporary file that is then renamed over the old one, so a kill at any
 * moment leaves either the old or the new value, never half a file. SET NX uses link(2), which
 * fails atomically when the target exists, so locks hold across processes (dev server + scripts).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StoreUnavailableError } from '../errors';
import type { KvDriver, SetOptions } from './driver';

type Entry = { v?: string; h?: Record<string, string>; exp?: number };

const fileNameFor = (key: string) => key.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** Temp files older than this were left by a killed writer (a live write takes milliseconds). */
const STALE_TEMP_MS = 10 * 60 * 1000;

/** A write killed between writeFile and rename leaves its temp file behind; sweep them once per process. */
async function removeStaleTempFiles(dir: string): Promise<void> {
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const name of await fs.readdir(dir)) {
    if (!name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
  }
}

export function createEmbeddedDriver(dataDir: string): KvDriver {
  const dir = path.resolve(dataDir, 'kv');
  let ready: Promise<unknown> | undefined;
  const locks = new Map<string, Promise<unknown>>();

  const fileOf = (key: string) => path.join(dir, `${fileNameFor(key)}.json`);
  const ensureDir = () =>
    (ready ??= fs.mkdir(dir, { recursive: true }).then(() => {
      // In the background: a large store's folder listing must not delay the first request.
      removeStaleTempFiles(dir).catch(() => undefined);
    }));

  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      await ensureDir();
      return await fn();
    } catch (err) {
      ready = undefined;
      if (err instanceof StoreUnavailableError) throw err;
      throw new StoreUnavailableError(`embedded store at ${dir}: ${what} failed: ${(err as Error).message}`);
    }
  };

  /** Serializes read-modify-writes of one key within this process. */
  const exclusive = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const run = (locks.get(key) ?? Promise.resolve()).then(fn, fn);
    locks.set(key, run.catch(() => undefined));
    return run;
  };

  const read = async (key: string, now = Date.now()): Promise<Entry | null> => {
    let raw: string;
    try {
      raw = await fs.readFile(fileOf(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const entry = JSON.parse(raw) as Entry;
    return entry.exp !== undefined && entry.exp <= now ? null : entry;
  };

  const tempFile = (key: string) => `${fileOf(key)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

  const write = async (key: string, entry: Entry) => {
    const tmp = tempFile(key);
    await fs.writeFile(tmp, JSON.stringify(entry));
    await fs.rename(tmp, fileOf(key));
  };

  const expiry = (ttlSeconds?: number) => (ttlSeconds ? Date.now() + Math.ceil(ttlSeconds * 1000) : undefined);

  const writeIfAbsent = async (key: string, entry: Entry): Promise<boolean> => {
    const tmp = tempFile(key);
    await fs.writeFile(tmp, JSON.stringify(entry));
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await fs.link(tmp, fileOf(key));
          return true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          if (await read(key)) return false;
          await fs.rm(fileOf(key), { force: true }); // expired: take it over
        }
      }
      return false;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  };

  const driver = {
    backend: 'embedded' as const,
    get: (key: string) => wrap('get', async () => (await read(key))?.v ?? null),
    mget: (keys: string[]) => wrap('mget', () => Promise.all(keys.map(async (k) => (await read(k))?.v ?? null))),
    set: (key: string, value: string, options: SetOptions = {}) =>
      wrap('set', async () => {
        const entry = { v: value, exp: expiry(options.ttlSeconds) };
        if (options.onlyIfAbsent) return writeIfAbsent(key, entry);
        await exclusive(key, () => write(key, entry));
        return true;
      }),
    mset: (entries: [string, string][]) =>
      wrap('mset', async () => {
        await Promise.all(entries.map(([k, v]) => exclusive(k, () => write(k, { v }))));
      }),
    del: (keys: string[]) =>
      wrap('del', async () => {
        await Promise.all(keys.map((k) => fs.rm(fileOf(k), { force: true })));
      }),
    delIfEquals: (key: string, value: string) =>
      wrap('delIfEquals', () =>
        exclusive(key, async () => {
          if ((await read(key))?.v !== value) return false;
          await fs.rm(fileOf(key), { force: true });
          return true;
        }),
      ),
    incr: (key: string, ttlSeconds: number) =>
      wrap('incr', () =>
        exclusive(key, async () => {
          const entry = await read(key);
          const n = Number(entry?.v ?? 0) + 1;
          await write(key, { v: String(n), exp: entry?.exp ?? expiry(ttlSeconds) });
          return n;
        }),
      ),
    hget: (key: string, field: string) => wrap('hget', async () => (await read(key))?.h?.[field] ?? null),
    hset: (key: string, field: string, value: string) =>
      wrap('hset', () =>
        exclusive(key, async () => {
          const entry = (await read(key)) ?? {};
          await write(key, { ...entry, h: { ...entry.h, [field]: value } });
        }),
      ),
    hdel: (key: string, field: string) =>
      wrap('hdel', () =>
        exclusive(key, async () => {
          const entry = await read(key);
          if (!entry?.h || !(field in entry.h)) return false;
          const { [field]: _removed, ...rest } = entry.h;
          await write(key, { ...entry, h: rest });
          return true;
        }),
      ),
    hgetall: (key: string) => wrap('hgetall', async () => ({ ...(await read(key))?.h })),
    ping: () =>
      wrap('ping', async () => {
        await fs.access(dir, fs.constants.W_OK);
      }),
    close: async () => {},
  } satisfies KvDriver;
  return driver;
}
