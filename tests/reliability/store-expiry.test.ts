/**
 * What expires, and that expired data leaves the disk: paper version records carry a TTL renewed
 * on every write (they used to pile up by ~175,000 keys a year), the embedded store deletes the
 * files of expired keys in bounded background sweeps, and its per-key queue forgets keys once
 * their work is done.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { ExpirySweeper } from '../../lib/store/embedded-sweep';
import { createKeyQueue } from '../../lib/store/key-queue';
import * as K from '../../lib/store/keys';
import { Store } from '../../lib/store/store';

let dir = '';
const fresh = async () => (dir = await mkdtemp(path.join(tmpdir(), 'af-expiry-')));
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});
const keyFiles = async () => (await readdir(path.join(dir, 'kv'))).filter((f) => f.endsWith('.json')).sort();

describe('paper version records expire', () => {
  it(`PAPER_VERSION_TTL_SECONDS (${K.PAPER_VERSION_TTL_SECONDS / 86_400} days) after their last write`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.parse('2025-12-01T00:00:00Z');
    vi.setSystemTime(start);
    const store = new Store(createEmbeddedDriver(await fresh()), 'e:');
    const record = { version: 1, firstAnnounced: '2025-12-01' };
    await store.putPaperVersions(new Map([['2512.00001', record], ['2512.00002', record]]));
    const ttlMs = K.PAPER_VERSION_TTL_SECONDS * 1000;
    vi.setSystemTime(start + ttlMs / 2);
    await store.putPaperVersions(new Map([['2512.00002', { ...record, version: 2 }]])); // renewed
    vi.setSystemTime(start + ttlMs - 60_000);
    expect([...(await store.getPaperVersions(['2512.00001', '2512.00002'])).keys()]).toEqual(['2512.00001', '2512.00002']);
    vi.setSystemTime(start + ttlMs + 1_000);
    expect([...(await store.getPaperVersions(['2512.00001', '2512.00002'])).keys()]).toEqual(['2512.00002']);
  });
});

describe('embedded store: files of expired keys are deleted', () => {
  it('by a background sweep that store commands start (at most once per interval)', async () => {
    const driver = createEmbeddedDriver(await fresh(), { sweep: { intervalMs: 0 } });
    await driver.mset(
      Array.from({ length: 20 }, (_, i): [string, string] => [`short:${i}`, 'x']),
      { ttlSeconds: 0.05 },
    );
    await driver.set('lasting', 'y', { ttlSeconds: 3600 });
    await driver.set('forever', 'z');
    await sleep(100);
    await driver.get('forever'); // any command gives the sweeper its chance
    await vi.waitFor(async () => expect(await keyFiles()).toEqual(['forever.json', 'lasting.json']), { timeout: 5_000 });
    expect(await driver.get('lasting')).toBe('y');
    await driver.close();
  });

  it('looking at a bounded number of files per sweep, resuming where the last one stopped', async () => {
    const driver = createEmbeddedDriver(await fresh(), { sweep: { intervalMs: 3_600_000 } });
    await driver.mset(
      Array.from({ length: 30 }, (_, i): [string, string] => [`short:${i}`, 'x']),
      { ttlSeconds: 0.05 },
    );
    await sleep(100);
    const sweeper = new ExpirySweeper(path.join(dir, 'kv'), { batchFiles: 10 });
    const removed: number[] = [];
    for (let i = 0; i < 4; i++) removed.push(await sweeper.sweep());
    expect(removed.slice(0, 3)).toEqual([10, 10, 10]);
    expect(await keyFiles()).toEqual([]);
    await sweeper.close();
    await driver.close();
  });
});

describe('embedded store: the per-key queue', () => {
  it('serializes work on one key and forgets every key once its work settled', async () => {
    const queue = createKeyQueue();
    const order: string[] = [];
    const work = (key: string, label: string, ms: number, fail = false) =>
      queue.run(key, async () => {
        await sleep(ms);
        order.push(label);
        if (fail) throw new Error(label);
      });
    const runs = [work('a', 'a1', 20, true), work('a', 'a2', 1), work('b', 'b1', 5)];
    for (let i = 0; i < 1_000; i++) runs.push(work(`k${i}`, `k${i}`, 0));
    expect(queue.size).toBe(1_002);
    await Promise.allSettled(runs);
    await sleep(0);
    expect(order.indexOf('a1')).toBeLessThan(order.indexOf('a2')); // a failure does not break the chain
    expect(queue.size).toBe(0);
  });
});
