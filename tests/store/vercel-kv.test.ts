/**
 * The contract on the REAL `@vercel/kv` client, talking Upstash's REST protocol to a local HTTP
 * server (tests/helpers/fake-upstash.ts) that executes every command on the real Redis. Skipped
 * with one line when no Redis answers, failed instead when REQUIRE_REDIS=1 (CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../lib/errors';
import { Store } from '../../lib/store/store';
import { createVercelKvDriver } from '../../lib/store/vercel-kv-driver';
import { startFakeUpstash, type FakeUpstash } from '../../scripts/support/fake-upstash';
import { makeBucket, makeSummary, weekdaysBack } from '../helpers/make-papers';
import { closedPort, deleteByPrefix, redisGate, REDIS_TEST_URL, uniquePrefix } from '../../scripts/support/redis-test-env';
import { runStoreContract } from './contract';

const gate = await redisGate('vercel-kv store contract');

describe.skipIf(gate.skip !== null)('vercel-kv backend', () => {
  let upstash: FakeUpstash;
  beforeAll(async () => {
    expect(gate.unreachable, `Redis at ${REDIS_TEST_URL}: ${gate.unreachable}`).toBeNull();
    upstash = await startFakeUpstash(REDIS_TEST_URL);
  });
  afterAll(async () => {
    await upstash?.close();
  });

  runStoreContract('vercel-kv', async () => {
    const prefix = uniquePrefix('kv');
    return { driver: createVercelKvDriver(upstash.url, upstash.token), prefix, cleanup: () => deleteByPrefix(prefix) };
  });

  it('speaks the real wire format: Bearer token, base64 results, /pipeline batches', async () => {
    const prefix = uniquePrefix('kv-wire');
    const driver = createVercelKvDriver(upstash.url, upstash.token);
    try {
      upstash.reset();
      await driver.set(`${prefix}a`, 'ünï 🚀');
      upstash.reset();
      // Same tick → auto-pipelined: reads and writes ride (at most) one pipeline each.
      const [, , a] = await Promise.all([driver.set(`${prefix}b`, '1'), driver.set(`${prefix}c`, '2'), driver.get(`${prefix}a`)]);
      expect(a).toBe('ünï 🚀');
      expect(upstash.requests).toBeLessThanOrEqual(2);
      expect(upstash.base64Requests).toBe(upstash.requests);
      expect(upstash.commands.map((c) => c[0]!.toLowerCase()).sort()).toEqual(['get', 'set', 'set']);
    } finally {
      await deleteByPrefix(prefix);
    }
  });

  it('a feed miss is 3 HTTP requests: directories, the ranked parts, the shown records and summaries', async () => {
    const prefix = uniquePrefix('kv-rt');
    const store = new Store(createVercelKvDriver(upstash.url, upstash.token), prefix);
    try {
      const sources = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'];
      const scope = 'en:test-model:p1';
      for (const [d, day] of weekdaysBack('2025-11-21', 7).reverse().entries()) {
        const bySource = Object.fromEntries(sources.map((s, i) => [s, makeBucket(day, s, 20, d * 1000 + i * 100)]));
        await store.commitDay(day, bySource);
        await store.putSummary(makeSummary(bySource['cs.LG']![0]!), day, scope);
      }
      upstash.reset();
      const w = await store.readFeedWindow({ requested: sources, days: 7, types: ['new', 'cross'], withText: true, summaryScope: scope });
      const shown = await store.readShown(w, w.entries.filter((p) => p.categories[0] === 'cs.LG'));
      expect(w.entries).toHaveLength(7 * 4 * 20);
      expect(shown.summaries.size).toBeGreaterThan(0);
      expect(upstash.requests).toBe(3);
      expect(upstash.commands.map((c) => c[0]!.toLowerCase())).toEqual(['mget', 'mget', 'mget']);
    } finally {
      await deleteByPrefix(prefix);
    }
  });

  it('a multi-get of more than 1 MB goes out as several HTTP requests, each reply under 1 MB', async () => {
    const prefix = uniquePrefix('kv-big');
    const driver = createVercelKvDriver(upstash.url, upstash.token);
    try {
      const big = (i: number) => `${i}`.repeat(400_000);
      await Promise.all([0, 1, 2, 3].map((i) => driver.set(`${prefix}big${i}`, big(i))));
      upstash.reset();
      const keys = [0, 1, 2, 3].map((i) => `${prefix}big${i}`);
      expect(await driver.mget(keys, { valueBytes: 400_000 })).toEqual([0, 1, 2, 3].map(big));
      expect(upstash.requests).toBeGreaterThanOrEqual(3);
      expect(Math.max(...upstash.replyBytes)).toBeLessThan(1024 * 1024);
      expect(upstash.replyBytes.reduce((n, b) => n + b, 0)).toBeGreaterThan(2 * 1024 * 1024);
    } finally {
      await deleteByPrefix(prefix);
    }
  });

  it('a wrong token is StoreUnavailableError, not a crash', async () => {
    const driver = createVercelKvDriver(upstash.url, 'wrong-token');
    await expect(driver.get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('vercel-kv backend, unreachable', () => {
  it('answers StoreUnavailableError quickly (bounded retries), never leaking the token', async () => {
    const port = await closedPort();
    const driver = createVercelKvDriver(`http://127.0.0.1:${port}`, 'tok-secret-123');
    const started = Date.now();
    const err = await driver.get('k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('tok-secret-123');
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(driver.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(driver.set('k', 'v')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
