/**
 * The two backends a self-hosted server runs on, opened the way the app opens them (real drivers,
 * real Store), each in its own temp folder or unique Redis key prefix, plus the env the app and
 * jobs read for them. Everything the bench writes is removed by `cleanup()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { getEnv, type Env } from '../../lib/env';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { createRedisDriver } from '../../lib/store/redis-driver';
import { Store } from '../../lib/store/store';
import type { KvDriver } from '../../lib/store/driver';
import { probeRedis } from '../support/redis-test-env';

export type BackendName = 'embedded' | 'redis';

export const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';

/** Variables a developer's shell may carry that would change what the app does in the bench. */
const CLEARED = [
  'CRON_SECRET', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'SUMMARY_MODEL', 'SUMMARY_LANGUAGE', 'SUMMARY_MAX_PAPERS', 'SUMMARY_MAX_TOKENS', 'SUMMARY_CONCURRENCY',
  'REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'STORE_BACKEND', 'STORE_PREFIX',
  'DATA_DIR', 'ARXIV_CATEGORIES', 'PROFILE_CONFIG', 'DEFAULT_KEYWORDS', 'DEFAULT_EXCLUDE', 'DEFAULT_AUTHORS', 'DEFAULT_MIN_SCORE', 'DEFAULT_LIMIT',
  'PUBLIC_BASE_URL', 'ARXIV_RSS_URL', 'ARXIV_API_URL',
];

/** process.env without the app's own variables (the bench sets those explicitly). */
export function cleanBaseEnv(): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CLEARED.includes(k)) base[k] = v;
  return base;
}

export type BenchBackend = {
  name: BackendName;
  store: Store;
  /** App env variables selecting this store (for `next start` and the jobs). */
  vars: Record<string, string>;
  env(extra?: Record<string, string>): Env;
  /** A second Store on the same data with a different driver (e.g. a counting wrapper). */
  storeWith(wrap: (driver: KvDriver) => KvDriver): Store;
  cleanup(): Promise<void>;
};

export async function openBackend(name: BackendName, label: string): Promise<BenchBackend> {
  const prefix = `afbench:${label}:${process.pid}:${randomBytes(3).toString('hex')}:`;
  const dir = name === 'embedded' ? mkdtempSync(path.join(tmpdir(), `af-bench-${label}-`)) : '';
  const vars: Record<string, string> =
    name === 'embedded'
      ? { STORE_BACKEND: 'embedded', DATA_DIR: dir, STORE_PREFIX: 'af:' }
      : { STORE_BACKEND: 'redis', REDIS_URL, STORE_PREFIX: prefix };
  const makeDriver = () => (name === 'embedded' ? createEmbeddedDriver(dir) : createRedisDriver(REDIS_URL));
  const driver = makeDriver();
  const storePrefix = vars.STORE_PREFIX!;
  const extraDrivers: KvDriver[] = [];
  return {
    name,
    store: new Store(driver, storePrefix),
    vars,
    env: (extra = {}) => getEnv({ ...vars, ...extra }),
    storeWith(wrap) {
      const d = makeDriver();
      extraDrivers.push(d);
      return new Store(wrap(d), storePrefix);
    },
    async cleanup() {
      await Promise.all([driver, ...extraDrivers].map((d) => d.close().catch(() => {})));
      if (name === 'embedded') rmSync(dir, { recursive: true, force: true });
      else await deleteRedisPrefix(prefix);
    },
  };
}

/** SCAN (never KEYS: the Redis is shared) and delete every key under `prefix`. */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL, RESP: 2 });
  client.on('error', () => {});
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  } finally {
    await client.close();
  }
}

/** Null when Redis answers PING, else why not (the Redis rows then say "pending"). */
export async function redisUnavailable(): Promise<string | null> {
  const why = await probeRedis(REDIS_URL);
  return why && `no Redis at ${REDIS_URL}: ${why}`;
}
