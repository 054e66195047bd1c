/**
 * A failed ingest keeps the old feed served (issue 7 "Upstream arXiv", end to end over HTTP):
 * the cron route runs against a local arXiv stand-in that fails in each way arXiv does (5xx,
 * rate-limit HTML, truncated download, error feed, timeout, empty body); every time the route
 * answers 502 with the reason, nothing in the store changes, /api/feed still lists exactly the
 * old papers, and /api/health shows the failure with its reason, per category. The next good
 * answer is stored and the feed shows old and new papers. (The per-failure retry/backoff
 * details are tested by the ingest's own suite, tests/ingest.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStore, resetStore } from '../../lib/store/open-store';
import { failures, startFakeArxiv, type FakeArxiv, type FakeResponse } from '../../scripts/support/fake-arxiv';
import { callRoute } from './helpers/call-route';
import { useTempEnv } from '../helpers/temp-env';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/arxiv');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const SECRET = 'ingest-failure-secret-123';
const SOURCES = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'];
const FEED_QUERY = `cats=${SOURCES.join(',')}&days=30&limit=500&types=new,cross,replace,replace-cross&format=json`;

let fake: FakeArxiv;
let dataDir: string;

const cron = async () => {
  const res = await callRoute('GET /api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } });
  return { status: res.status, body: await res.json() };
};
const feedIds = async (): Promise<string[]> => {
  const res = await callRoute('GET /api/feed', { query: FEED_QUERY });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: { id: string }[] };
  return body.items.map((i) => i.id).sort();
};
const health = async () => (await callRoute('GET /api/health')).json();
/** The store's files except run status and locks: what a failed run must not touch. */
const dataFiles = () =>
  readdirSync(path.join(dataDir, 'kv'))
    .filter((f) => !/status|lock|count|tmp$/.test(f))
    .sort()
    .map((f) => `${f}:${readFileSync(path.join(dataDir, 'kv', f), 'utf8').length}`);

beforeAll(async () => {
  fake = await startFakeArxiv({ rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
  dataDir = await useTempEnv({
    CRON_SECRET: SECRET,
    ...fake.env(),
    ARXIV_CATEGORIES: SOURCES.join(','),
    ARXIV_MIN_INTERVAL_MS: '0',
    ARXIV_TIMEOUT_MS: '800',
  });
});

afterAll(async () => {
  await fake?.close();
  await resetStore();
});

describe('a failed ingest keeps the old feed served', () => {
  let before: string[] = [];
  let filesBefore: string[] = [];

  it('stores a good day first', async () => {
    const { status, body } = await cron();
    expect(status).toBe(200);
    expect(body.state).toBe('ok');
    before = await feedIds();
    expect(before.length).toBeGreaterThanOrEqual(8);
    filesBefore = dataFiles();
  });

  const CASES: [string, FakeResponse, RegExp, RegExp?][] = [
    ['HTTP 503 (Retry-After: 0)', failures.unavailable(0), /HTTP 503/],
    ['a rate-limit HTML page', failures.garbage(), /./, /Rate exceeded/],
    ['a truncated download', failures.truncated(), /./],
    ["arXiv's error feed", failures.errorFeed(), /error/i, /^<\?xml/],
    ['a timeout', failures.slow(2_000), /within \d+ ms|timed? ?out/i],
    ['an empty body', failures.empty(), /./],
  ];

  it.each(CASES)('%s: 502 with the reason, store unchanged, same feed, health shows it', async (_what, failure, reason, bodyStart) => {
    fake.always('rss', failure);
    const { status, body } = await cron();
    expect(status).toBe(502);
    expect(body.state).toBe('failed');
    expect(body.error).toMatch(reason);

    expect(dataFiles()).toEqual(filesBefore);
    expect(await feedIds()).toEqual(before);

    const h = await health();
    expect(h.store.reachable).toBe(true);
    expect(h.ingest.state).toBe('failed');
    expect(h.ingest.error).toMatch(reason);
    expect(h.problems.join(' ')).toMatch(/last ingest failed/);
    expect(Object.keys(h.ingest.sources).sort()).toEqual(SOURCES);
    for (const outcome of Object.values(h.ingest.sources) as { state: string }[]) expect(outcome.state).toBe('failed');
    if (bodyStart) expect(h.ingest.bodyStart).toMatch(bodyStart);
    if (h.ingest.bodyStart) expect(h.ingest.bodyStart.length).toBeLessThanOrEqual(200);
    // Health still reports the data that is being served.
    expect(h.data.latestDay).toBe('2025-12-05');
  }, 20_000);

  it('a suspiciously stale answer (the same day again) stores nothing and is not an error', async () => {
    fake.always('rss', null);
    const { status, body } = await cron();
    expect(status).toBe(200);
    expect(body.state).toBe('stale');
    expect(dataFiles()).toEqual(filesBefore);
    expect(await feedIds()).toEqual(before);
  });

  it('the next good day is stored and the feed shows old and new papers', async () => {
    fake.setRss(fixture('rss-2025-12-08-cs.xml'));
    const { status, body } = await cron();
    expect(status).toBe(200);
    expect(body.state).toBe('ok');
    const after = await feedIds();
    for (const id of before) expect(after).toContain(id);
    expect(after.length).toBeGreaterThan(before.length);
    const h = await health();
    expect(h.ingest.state).toBe('ok');
    expect(h.data.latestDay).toBe('2025-12-08');
    expect((await (await getStore()).readManifest()).days['2025-12-05']).toBeDefined();
  });
});
