/**
 * /api/health: fields, states (ok / degraded / unavailable / misconfigured), per-category
 * outcomes, backlog, freshness, and that no secret or token ever appears in the body.
 */
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/health/route';
import { checkHealth } from '../../lib/health/check-health';
import { getEnv } from '../../lib/env';
import { SUMMARIZE_LOCK } from '../../lib/store/keys';
import { getStore, resetStore } from '../../lib/store/open-store';
import { lockHolderOf } from '../../lib/store/run-state';
import packageJson from '../../package.json';
import { tempDir, useTempEnv } from '../helpers/temp-env';
import { syntheticDay } from './helpers/synthetic-papers';

const NOW = new Date('2025-12-18T12:00:00Z');
const SECRET = 'cron-secret-value-0123456789';
const OPENAI_KEY = 'sk-test-openai-key-abcdefghijklmnop';

async function health(): Promise<{ status: number; headers: Headers; text: string; body: any }> {
  const res = await GET();
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

async function healthAt(now: Date) {
  const env = getEnv();
  const result = await checkHealth({ openStore: getStore, backend: 'embedded', env, now });
  return result;
}

afterAll(async () => {
  await resetStore();
});

describe('GET /api/health on a reachable store', () => {
  it("projects the ingest job's real status shape (detail.sources with outcome/papers)", async () => {
    await useTempEnv();
    const store = await getStore();
    await store.commitDay('2025-12-18', syntheticDay('2025-12-18', 1));
    await store.putStatus({
      kind: 'ingest',
      state: 'ok',
      startedAt: '2025-12-18T01:00:00.000Z',
      finishedAt: '2025-12-18T01:00:02.000Z',
      counts: { fetched: 10, new: 8 },
      detail: { url: 'http://127.0.0.1:1/rss/cs.AI+cs.LG', day: '2025-12-18', sources: { 'cs.AI': { outcome: 'stored', papers: 3 }, 'cs.LG': { outcome: 'quiet', papers: 0 } } },
    });
    const r = (await healthAt(NOW)).report;
    expect(r.ingest?.sources).toEqual({ 'cs.AI': { state: 'stored', count: 3 }, 'cs.LG': { state: 'quiet', count: 0 } });
    expect(JSON.stringify(r)).not.toContain('127.0.0.1:1');
  });

  it('answers 200, no-store, JSON, version from package.json, embedded backend, summaries off', async () => {
    await useTempEnv();
    const { status, headers, body } = await health();
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(headers.get('retry-after')).toBeNull();
    expect(body.version).toBe(packageJson.version);
    expect(body.store).toMatchObject({ backend: 'embedded', reachable: true });
    expect(body.summaries).toMatchObject({ enabled: false, model: 'gpt-4o-mini', language: 'en' });
    expect(body.summaries.reason).toMatch(/OPENAI_API_KEY/);
    // Empty store: degraded, and it says why.
    expect(body.status).toBe('degraded');
    expect(body.problems).toContain('no papers stored yet');
    expect(body.data).toMatchObject({ latestDay: null, daysStored: 0, stale: true });
    expect(body.ingest).toBeNull();
    expect(body.summarize).toBeNull();
  });

  it('reports ok with per-category outcomes, freshness and backlog after good runs', async () => {
    await useTempEnv({ OPENAI_API_KEY: OPENAI_KEY, CRON_SECRET: SECRET });
    const store = await getStore();
    await store.commitDay('2025-12-17', syntheticDay('2025-12-17', 3));
    await store.commitDay('2025-12-18', syntheticDay('2025-12-18', 2));
    await store.putStatus({
      kind: 'ingest',
      state: 'ok',
      startedAt: '2025-12-18T01:00:00.000Z',
      finishedAt: '2025-12-18T01:00:05.000Z',
      counts: { papers: 8 },
      detail: { sources: { 'cs.LG': { outcome: 'stored', papers: 2 }, 'cs.AI': { outcome: 'stored', papers: 2 }, 'math.AG': { outcome: 'quiet', papers: 0 } } },
    });
    await store.putStatus({
      kind: 'summarize',
      state: 'ok',
      startedAt: '2025-12-18T02:00:00.000Z',
      finishedAt: '2025-12-18T02:01:00.000Z',
      counts: { summarized: 5, backlog: 3 },
    });
    await store.putProfile('profile-token-should-never-leak-1234', JSON.stringify({ categories: ['cs.LG'] }));

    const result = await healthAt(NOW);
    expect(result.httpStatus).toBe(200);
    const r = result.report;
    expect(r.status).toBe('ok');
    expect(r.problems).toEqual([]);
    expect(r.data).toMatchObject({ latestDay: '2025-12-18', expectedDay: '2025-12-18', missingMailings: 0, daysStored: 2, revision: 2, ageDays: 0, stale: false });
    expect(r.ingest?.sources).toEqual({ 'cs.LG': { state: 'stored', count: 2 }, 'cs.AI': { state: 'stored', count: 2 }, 'math.AG': { state: 'quiet', count: 0 } });
    expect(r.summarize).toMatchObject({ state: 'ok', backlog: 3, counts: { summarized: 5, backlog: 3 } });
    expect(r.summaries.enabled).toBe(true);

    const text = (await health()).text;
    expect(text).not.toContain(OPENAI_KEY);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('profile-token-should-never-leak');
  });

  it('shows a failed ingest with its reason and first bytes, redacting anything secret-shaped', async () => {
    const redisPassword = 'hunter2-redis-password';
    await useTempEnv({ CRON_SECRET: SECRET, OPENAI_API_KEY: OPENAI_KEY });
    const store = await getStore();
    await store.commitDay('2025-12-17', syntheticDay('2025-12-17', 1));
    await store.putStatus({
      kind: 'ingest',
      state: 'failed',
      startedAt: '2025-12-18T01:00:00.000Z',
      finishedAt: '2025-12-18T01:00:31.000Z',
      counts: {},
      error: `arXiv answered 503 for https://rss.arxiv.org/rss/cs.LG?token=abc123def (Authorization: Bearer ${SECRET}) via redis://user:${redisPassword}@10.0.0.1:6379`,
      bodyStart: `<html>\u0000Service Unavailable ${OPENAI_KEY} ${'x'.repeat(400)}`,
      detail: {
        sources: {
          'cs.LG': { outcome: 'failed', papers: 0, extra: { secret: SECRET } },
          [`cs.AI ${SECRET}`]: { outcome: 'failed', papers: 0 },
        },
      },
    });
    const r = (await healthAt(NOW)).report;
    expect(r.status).toBe('degraded');
    expect(r.ingest?.state).toBe('failed');
    expect(r.ingest?.error).toContain('arXiv answered 503');
    expect(r.ingest?.bodyStart?.length).toBeLessThanOrEqual(200);
    expect(r.ingest?.bodyStart).toContain('Service Unavailable');
    expect(r.ingest?.sources).toEqual({
      'cs.LG': { state: 'failed', count: 0 },
      'cs.AI [redacted]': { state: 'failed', count: 0 },
    });
    expect(r.problems.join(' ')).toMatch(/last ingest failed: arXiv answered 503/);
    const text = JSON.stringify(r);
    for (const secret of [SECRET, OPENAI_KEY, redisPassword, 'abc123def', '\u0000']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    // The old data is still what health reports as served.
    expect(r.data?.latestDay).toBe('2025-12-17');
  });

  const ingestRun = (state: 'ok' | 'quiet' | 'stale', startedAt: string) => ({ kind: 'ingest' as const, state, startedAt, finishedAt: startedAt, counts: {} });

  it('judges freshness by arXiv\'s schedule: weekends are not stale, a missed weekday is', async () => {
    await useTempEnv();
    const store = await getStore();
    await store.commitDay('2025-12-19', syntheticDay('2025-12-19', 1)); // a Friday
    await store.putStatus(ingestRun('ok', '2025-12-19T06:15:00.000Z'));
    const sunday = (await healthAt(new Date('2025-12-21T12:00:00Z'))).report;
    expect(sunday.status).toBe('ok');
    expect(sunday.data).toMatchObject({ expectedDay: '2025-12-19', missingMailings: 0, stale: false });
    // Monday's mailing is served from 05:00 UTC; the daily ingest has until 08:00 UTC.
    expect((await healthAt(new Date('2025-12-22T07:59:00Z'))).report.status).toBe('ok');
    const monday = (await healthAt(new Date('2025-12-22T08:30:00Z'))).report;
    expect(monday.status).toBe('degraded');
    expect(monday.data).toMatchObject({ expectedDay: '2025-12-22', missingMailings: 1, stale: true });
    expect(monday.problems).toContain("newest announcement is 3 days old (2025-12-19); arXiv's schedule expects 2025-12-22: 1 mailing missing");
  });

  it('lets a quiet run excuse one missing weekday (a holiday), and no more', async () => {
    await useTempEnv();
    const store = await getStore();
    await store.commitDay('2025-12-24', syntheticDay('2025-12-24', 1));
    const christmas = new Date('2025-12-25T12:00:00Z');
    await store.putStatus(ingestRun('quiet', '2025-12-25T06:15:00.000Z'));
    const holiday = (await healthAt(christmas)).report;
    expect(holiday.status).toBe('ok');
    expect(holiday.data).toMatchObject({ missingMailings: 1, holiday: true, stale: false });
    // arXiv still serving the stored day counts as nothing new, too.
    await store.putStatus(ingestRun('stale', '2025-12-25T06:15:00.000Z'));
    expect((await healthAt(christmas)).report.status).toBe('ok');
    // A quiet run from before the 25th was served did not look for it.
    await store.putStatus(ingestRun('quiet', '2025-12-24T06:15:00.000Z'));
    expect((await healthAt(christmas)).report.status).toBe('degraded');
    // Two missing weekdays are stale whatever the last run said.
    await store.putStatus(ingestRun('quiet', '2025-12-26T06:15:00.000Z'));
    const twoDays = (await healthAt(new Date('2025-12-26T12:00:00Z'))).report;
    expect(twoDays.status).toBe('degraded');
    expect(twoDays.data).toMatchObject({ missingMailings: 2, holiday: false, stale: true });
  });

  it('stays degraded after a quiet run while the newest announcement is two years old', async () => {
    await useTempEnv();
    const store = await getStore();
    await store.commitDay('2023-12-05', syntheticDay('2023-12-05', 1));
    await store.putStatus(ingestRun('quiet', '2025-12-07T06:15:00.000Z'));
    const r = (await healthAt(new Date('2025-12-07T12:00:00Z'))).report;
    expect(r.status).toBe('degraded');
    expect(r.data).toMatchObject({ latestDay: '2023-12-05', expectedDay: '2025-12-05', ageDays: 733, stale: true });
    expect(r.problems.join(' ')).toMatch(/newest announcement is 733 days old \(2023-12-05\); arXiv's schedule expects 2025-12-05: 523 mailings missing/);
  });

  it('reports a "running" run as running while its lock is held by it, and as failed once the lock is gone or taken', async () => {
    await useTempEnv();
    const store = await getStore();
    await store.commitDay('2025-12-18', syntheticDay('2025-12-18', 1));
    const token = (await store.acquireLock(SUMMARIZE_LOCK, 30))!;
    const lock = lockHolderOf(token)!;
    await store.putStatus({ kind: 'summarize', state: 'running', startedAt: '2025-12-18T11:50:00.000Z', counts: {}, lock });
    const alive = (await healthAt(NOW)).report;
    expect(alive.summarize).toMatchObject({ state: 'running', lock: { holder: `${process.pid}@${hostname()}`, since: lock.since } });
    expect(alive.status).toBe('ok');

    await store.releaseLock(SUMMARIZE_LOCK, token); // what a kill -9 leaves once the TTL ran out
    const dead = (await healthAt(NOW)).report;
    expect(dead.summarize?.state).toBe('failed');
    expect(dead.summarize?.error).toMatch(/never finished: its lock is gone/);
    expect(dead.summarize?.lock).toBeUndefined();
    expect(dead.status).toBe('degraded');

    await store.acquireLock(SUMMARIZE_LOCK, 30); // the next run took over before writing its status
    expect((await healthAt(NOW)).report.summarize?.error).toMatch(/held by another run/);
  });
});

describe('GET /api/health when the store is down or misconfigured', () => {
  it('answers 503 with Retry-After and a JSON body without paths when the store cannot be reached', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    await useTempEnv({ DATA_DIR: path.join(file, 'data') });
    const { status, headers, body, text } = await health();
    expect(status).toBe(503);
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.status).toBe('unavailable');
    expect(body.store).toMatchObject({ backend: 'embedded', reachable: false });
    expect(body.store.error).toMatch(/^unreachable/);
    expect(body.problems).toContain('store unreachable');
    expect(text).not.toContain(dir);
  });

  it('answers 500 "misconfigured" naming the variables, never their values', async () => {
    await useTempEnv({ REDIS_URL: 'redis://:pw-secret-123456@127.0.0.2:1', KV_REST_API_URL: 'http://127.0.0.1:1', KV_REST_API_TOKEN: 'kv-token-secret-123456' });
    const { status, body, text } = await health();
    expect(status).toBe(500);
    expect(body.status).toBe('misconfigured');
    expect(body.problems.join(' ')).toMatch(/REDIS_URL/);
    expect(text).not.toContain('pw-secret-123456');
    expect(text).not.toContain('kv-token-secret-123456');
  });
});
