/**
 * A job killed mid-run (kill -9 of `npm run ingest`, out of memory, the platform's time limit)
 * never writes its final status. Health must not go on showing it "running" for half an hour, and
 * its lock must not keep the next run (the cron) waiting for as long as the dead run's deadline:
 * the run lock has a short TTL renewed while the job lives, health shows who holds it, and a
 * "running" status whose lock is gone is reported as failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { checkHealth } from '../../lib/health/check-health';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { INGEST_LOCK } from '../../lib/store/keys';
import { Store } from '../../lib/store/store';
import { startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';
import { fixture } from '../arxiv/fixtures';
import { tempDir } from '../helpers/temp-env';

const CHILD = path.resolve(import.meta.dirname, 'helpers/ingest-child.ts');
const LOCK_TTL_S = 1.5;

let fake: FakeArxiv | undefined;
let child: ChildProcess | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await fake?.close();
});

describe('an ingest killed with SIGKILL while it runs', () => {
  it('shows as running with its holder while alive, as failed within one lock TTL of the kill, and frees its lock', async () => {
    fake = await startFakeArxiv({ rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    fake.queue('rss', { delayMs: 30_000 }); // the child waits for arXiv until it is killed
    const dataDir = tempDir('af-crash-');
    const env = { DATA_DIR: dataDir, STORE_PREFIX: 'af:', ARXIV_CATEGORIES: 'cs.AI,cs.LG', ARXIV_MIN_INTERVAL_MS: '0', ARXIV_TIMEOUT_MS: '40000', ...fake.env() };
    const ingest = spawn(process.execPath, ['--import', 'tsx', CHILD, String(LOCK_TTL_S)], {
      env: { NODE_ENV: 'test', PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = ingest;
    let childErr = '';
    ingest.stderr.setEncoding('utf8').on('data', (c: string) => (childErr += c));

    const store = new Store(createEmbeddedDriver(dataDir), 'af:');
    const health = async () => (await checkHealth({ openStore: async () => store, backend: 'embedded', env: getEnv(env) })).report;
    await expect.poll(async () => (await health()).ingest?.state, { timeout: 20_000, interval: 100 }).toBe('running');
    expect((await health()).ingest?.lock).toEqual({ holder: `${ingest.pid}@${hostname()}`, since: expect.any(String) });

    // Alive past two TTLs: the heartbeat keeps its lock, so it is still running.
    await sleep(LOCK_TTL_S * 2_000);
    expect((await health()).ingest?.state, childErr).toBe('running');

    ingest.kill('SIGKILL');
    const killedAt = Date.now();
    await expect.poll(async () => (await health()).ingest?.state, { timeout: 10_000, interval: 100 }).toBe('failed');
    expect(Date.now() - killedAt).toBeLessThan(LOCK_TTL_S * 1000 + 2_000);
    const report = await health();
    expect(report.ingest?.error).toMatch(/never finished: its lock is gone/);
    expect(report.ingest?.lock).toBeUndefined();
    expect(report.problems.join(' ')).toMatch(/last ingest failed/);
    // The next run gets the lock at once instead of waiting out the dead run's deadline.
    expect(await store.acquireLock(INGEST_LOCK, 30)).toEqual(expect.any(String));
  }, 60_000);
});
