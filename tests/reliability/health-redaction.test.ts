/**
 * Run errors on /api/health say what went wrong, not where the data lives: the DATA_DIR path on
 * the server, the Redis host and port, and addresses a connection error names are redacted, in the
 * run's error and in the problems list alike.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/health/route';
import { getStore, resetStore } from '../../lib/store/open-store';
import { useTempEnv } from '../helpers/temp-env';

afterAll(async () => {
  await resetStore();
});

const REDIS_HOST = 'redis-primary.internal.example';

describe('GET /api/health redacts locations in run errors', () => {
  it('hides the DATA_DIR path, the Redis host and port, and resolved addresses', async () => {
    const dir = await useTempEnv({ STORE_BACKEND: 'embedded', REDIS_URL: `redis://${REDIS_HOST}:6380/0` });
    const store = await getStore();
    const file = path.join(dir, 'kv', 'sumday%3A2025-12-18.json');
    await store.putStatus({
      kind: 'summarize',
      state: 'failed',
      startedAt: '2025-12-18T07:15:00.000Z',
      finishedAt: '2025-12-18T07:15:03.000Z',
      counts: {},
      error: `embedded store at ${path.join(dir, 'kv')}: write failed: EACCES: permission denied, open '${file}'`,
    });
    await store.putStatus({
      kind: 'ingest',
      state: 'failed',
      startedAt: '2025-12-18T06:15:00.000Z',
      finishedAt: '2025-12-18T06:15:01.000Z',
      counts: {},
      error: `redis at ${REDIS_HOST}:6380: get failed: connect ECONNREFUSED 10.20.30.40:6380 (from 172.16.0.9)`,
    });
    const res = await GET();
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.summarize.error).toMatch(/write failed: EACCES: permission denied/);
    expect(body.ingest.error).toMatch(/get failed: connect ECONNREFUSED/);
    for (const leak of [dir, 'sumday', REDIS_HOST, ':6380', '10.20.30.40', '172.16.0.9', path.basename(dir)]) expect(text).not.toContain(leak);
    expect(body.problems.join(' ')).toContain('[redacted]');
  });
});
