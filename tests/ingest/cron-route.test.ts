import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scrubEnv } from '../helpers/temp-env';
import { GET, maxDuration } from '../../app/api/cron/ingest/route';
import { GET as getHealth } from '../../app/api/health/route';
import { resetEnvCache } from '../../lib/env';
import { getStore, resetStore } from '../../lib/store/open-store';
import { fixture } from '../arxiv/fixtures';
import { failures, startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';
import { dropAnnounceType } from './ingest-context';

const SECRET = 'cron-test-secret';
const ENV_KEYS = ['DATA_DIR', 'CRON_SECRET', 'ARXIV_RSS_URL', 'ARXIV_API_URL', 'ARXIV_CATEGORIES', 'ARXIV_MIN_INTERVAL_MS', 'ARXIV_TIMEOUT_MS', 'STORE_PREFIX', 'REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN'];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let fake: FakeArxiv;
let dataDir: string;

beforeEach(async () => {
  fake = await startFakeArxiv({ rss: fixture('rss-2025-12-05-cs.xml'), api: '' });
  dataDir = await mkdtemp(path.join(tmpdir(), 'af-cron-'));
  scrubEnv();
  Object.assign(process.env, { DATA_DIR: dataDir, CRON_SECRET: SECRET, ARXIV_MIN_INTERVAL_MS: '100', ARXIV_TIMEOUT_MS: '1000', ...fake.env() });
  resetEnvCache();
  await resetStore();
});

afterEach(async () => {
  await resetStore();
  for (const k of ENV_KEYS) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
  resetEnvCache();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (authorization?: string) =>
  GET(new Request('http://localhost/api/cron/ingest', { headers: authorization ? { authorization } : {} }));

describe('GET /api/cron/ingest', () => {
  it('declares its duration limit', () => {
    expect(maxDuration).toBe(60);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong secret', `Bearer not-${SECRET}`],
    ['a non-Bearer scheme', `Basic ${SECRET}`],
  ])('answers 401 JSON for %s, without asking arXiv', async (_what, header) => {
    const res = await call(header);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect((await res.json()).error).toMatch(/CRON_SECRET/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses every call while CRON_SECRET is unset, saying to set it', async () => {
    delete process.env.CRON_SECRET;
    resetEnvCache();
    const res = await call(`Bearer ${SECRET}`);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/CRON_SECRET is not set/);
    expect(fake.requests).toHaveLength(0);
  });

  it('runs the ingest and answers 200 with the counts; a second call is a stale 200', async () => {
    const res = await call(`Bearer ${SECRET}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ state: 'ok', day: '2025-12-05', counts: { fetched: 10, new: 9, updated: 0, unchanged: 0, skipped: 1, backfilled: 0 } });
    expect(body.detail.backfill).toMatchObject({ state: 'failed' }); // the API answered an empty body
    const again = await call(`Bearer ${SECRET}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ state: 'stale', counts: { unchanged: 9 } });
    expect(await (await getStore()).getStatus('ingest')).toMatchObject({ state: 'stale' });
  });

  it('answers 502 JSON with the reason when arXiv fails, and records it', async () => {
    fake.always('rss', failures.errorFeed());
    const res = await call(`Bearer ${SECRET}`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ state: 'failed', error: expect.stringMatching(/^arXiv feed error/), counts: { fetched: 0 } });
    expect(await (await getStore()).getStatus('ingest')).toMatchObject({ state: 'failed', bodyStart: expect.stringMatching(/^<\?xml/) });
  });

  it('answers 502 when arXiv renamed a field and no item can be read, with the reason and first bytes in /api/health', async () => {
    fake.setRss(dropAnnounceType(fixture('rss-2025-12-05-cs.xml')));
    const res = await call(`Bearer ${SECRET}`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ state: 'failed', error: expect.stringMatching(/10 of 10 items are unreadable/) });
    expect((await (await getStore()).readManifest()).days).toEqual({});
    const health = await (await getHealth()).json();
    expect(health.ingest).toMatchObject({ state: 'failed', error: expect.stringMatching(/10 of 10 items are unreadable/), bodyStart: expect.stringMatching(/^<\?xml version='1.0'/) });
    expect(health.problems.join(' ')).toMatch(/last ingest failed: arXiv's answer could not be read/);
  });
});
