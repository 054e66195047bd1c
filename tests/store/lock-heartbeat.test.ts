/**
 * The run-lock lease: renewed while the job lives (so a lock with a short TTL outlives it only by
 * one TTL once the job is killed), stopped cleanly before release, and lost when someone else took
 * the lock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { keepLockAlive } from '../../lib/store/lock-heartbeat';
import { Store } from '../../lib/store/store';

let dir = '';
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('keepLockAlive', () => {
  it('keeps a short lock held past its TTL, names its holder, and stops cleanly before the release', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'af-lease-'));
    const store = new Store(createEmbeddedDriver(dir), 'l:');
    const token = (await store.acquireLock('job', 0.3))!;
    const lease = keepLockAlive(store, 'job', token, 0.3);
    await sleep(900);
    expect(await store.acquireLock('job', 0.3)).toBeNull();
    expect(await store.getLockHolder('job')).toEqual({ holder: `${process.pid}@${hostname()}`, since: expect.any(String) });
    await lease.stop();
    expect(lease.lost).toBe(false);
    expect(await store.releaseLock('job', token)).toBe(true);
    expect(await store.getLockHolder('job')).toBeNull();
  });

  it('reports the lock lost once another holder has it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'af-lease-'));
    const store = new Store(createEmbeddedDriver(dir), 'l:');
    const token = (await store.acquireLock('job', 0.3))!;
    await store.releaseLock('job', token);
    await store.acquireLock('job', 30); // someone else
    let told = 0;
    const lease = keepLockAlive(store, 'job', token, 0.3, () => told++);
    await sleep(400);
    expect(lease.lost).toBe(true);
    expect(told).toBe(1);
    await lease.stop();
  });
});
