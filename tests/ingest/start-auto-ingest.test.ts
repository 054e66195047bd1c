import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scrubEnv } from '../helpers/temp-env';
import { parseRetryAfter } from '../../lib/arxiv/fetch-arxiv';
import { resetEnvCache } from '../../lib/env';
import { startAutoIngest } from '../../lib/jobs/ingest/start-auto-ingest';
import { getStore, resetStore } from '../../lib/store/open-store';
import { register } from '../../instrumentation';
import { fixture } from '../arxiv/fixtures';
import { startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';

const ENV_KEYS = ['DATA_DIR', 'ARXIV_RSS_URL', 'ARXIV_API_URL', 'ARXIV_CATEGORIES', 'ARXIV_MIN_INTERVAL_MS', 'ARXIV_TIMEOUT_MS', 'DISABLE_AUTO_INGEST', 'STORE_PREFIX', 'REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN', 'NEXT_RUNTIME', 'NEXT_PHASE'];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let fake: FakeArxiv;
let dataDir: string;
let logged: string[];

beforeEach(async () => {
  fake = await startFakeArxiv({ rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
  dataDir = await mkdtemp(path.join(tmpdir(), 'af-auto-'));
  scrubEnv();
  Object.assign(process.env, { DATA_DIR: dataDir, ARXIV_MIN_INTERVAL_MS: '100', ARXIV_TIMEOUT_MS: '500', ...fake.env() });
  resetEnvCache();
  await resetStore();
  logged = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await resetStore();
  for (const k of ENV_KEYS) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
  resetEnvCache();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('first-start background ingest', () => {
  it('fetches when the store is empty, and not again once it has data', async () => {
    await startAutoIngest();
    expect(fake.requestsOf('rss')).toHaveLength(1);
    expect(logged.some((l) => l.includes('the store is empty'))).toBe(true);
    expect(logged.at(-1)).toMatch(/ingest ok 2025-12-05: fetched 10/);
    await startAutoIngest();
    expect(fake.requestsOf('rss')).toHaveLength(1);
  });

  it('is off with DISABLE_AUTO_INGEST', async () => {
    process.env.DISABLE_AUTO_INGEST = '1';
    resetEnvCache();
    await startAutoIngest();
    expect(fake.requests).toHaveLength(0);
  });

  it('logs a plain reason when arXiv cannot be reached, and the status says the same', async () => {
    await fake.close();
    await startAutoIngest();
    expect(logged.some((l) => /first fetch failed.*arXiv could not be reached: ECONNREFUSED/.test(l))).toBe(true);
    expect(await (await getStore()).getStatus('ingest')).toMatchObject({ state: 'failed', error: expect.stringMatching(/could not be reached/) });
  });

  it('tries again later while the store stays empty (no cron runs on a laptop), then stops', async () => {
    await fake.close();
    const scheduled: { run: () => void; delayMs: number }[] = [];
    await startAutoIngest({ schedule: (run, delayMs) => void scheduled.push({ run, delayMs }) });
    expect(scheduled.map((s) => s.delayMs)).toEqual([2 * 60_000]);
    expect(logged.some((l) => /trying again in 2 min/.test(l))).toBe(true);

    // arXiv is back (here: a new stand-in, so the env points at it).
    fake = await startFakeArxiv({ rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    Object.assign(process.env, fake.env());
    resetEnvCache();
    scheduled[0]!.run();
    await vi.waitFor(() => expect(logged.some((l) => /ingest ok 2025-12-05/.test(l))).toBe(true), { timeout: 10_000 });
    expect(scheduled).toHaveLength(1); // stored now: no further attempt
  });

  it('register() does nothing during next build or outside the Node.js runtime', async () => {
    process.env.NEXT_RUNTIME = 'edge';
    await register();
    process.env.NEXT_RUNTIME = 'nodejs';
    process.env.NEXT_PHASE = 'phase-production-build';
    await register();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests).toHaveLength(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Fri, 05 Dec 2025 12:00:30 GMT', Date.parse('2025-12-05T12:00:00Z'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
