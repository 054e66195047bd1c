/**
 * Two cron runs at once (Vercel may fire a cron twice; two instances may run it): no duplicated
 * work, no lost data (issue 7 "Store and LLM"). Both through the routes in one process and
 * through two independent Store instances on one DATA_DIR (two server instances: the lock is a
 * file created with link(2), not an in-process mutex). And a store that goes down at any write
 * of an ingest leaves the old papers readable and the day either absent or complete.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { StoreUnavailableError } from '../../lib/errors';
import { runIngest } from '../../lib/jobs/ingest/run-ingest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { getStore, resetStore } from '../../lib/store/open-store';
import { Store } from '../../lib/store/store';
import * as K from '../../lib/store/keys';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import { startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';
import { FakeOpenAi } from '../../scripts/support/fake-openai';
import { callRoute } from './helpers/call-route';
import { failingDriver } from './helpers/failing-driver';
import { syntheticDay } from './helpers/synthetic-papers';
import { tempDir, useTempEnv } from '../helpers/temp-env';
import { readDay } from '../helpers/read-day';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/arxiv');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const SECRET = 'concurrent-runs-secret-1';
const SOURCES = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'];
const ALL_TYPES = 'new,cross,replace,replace-cross';
const auth = { authorization: `Bearer ${SECRET}` };

/** Distinct papers of the RSS fixture listed in any of `sources`, counted from the file itself (not by the code under test). */
function fixturePapersOf(sources: string[]): number {
  const items = fixture('rss-2025-12-05-cs.xml').match(/<item>[\s\S]*?<\/item>/g) ?? [];
  const ids = items
    .filter((item) => [...item.matchAll(/<category>([^<]+)<\/category>/g)].some((m) => sources.includes(m[1]!)))
    .map((item) => item.match(/oai:arXiv\.org:([^<]+)<\/guid>/)?.[1]);
  return new Set(ids).size;
}

let fake: FakeArxiv;
let llm: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeArxiv({ rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
  llm = await FakeOpenAi.start({ delayMs: 40 });
});
afterAll(async () => {
  await Promise.all([fake?.close(), llm?.close()]);
  await resetStore();
});

const ingestEnv = () => ({ CRON_SECRET: SECRET, ...fake.env(), ARXIV_CATEGORIES: SOURCES.join(','), ARXIV_MIN_INTERVAL_MS: '0', ARXIV_TIMEOUT_MS: '3000' });
const feedIds = async () => {
  const res = await callRoute('GET /api/feed', { query: `cats=${SOURCES.join(',')}&days=30&limit=500&types=${ALL_TYPES}&format=json` });
  return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id).sort();
};

describe('two ingests at once', () => {
  it('through the cron route: one stores the day, the other waits and stores nothing; arXiv asked one at a time', async () => {
    await useTempEnv(ingestEnv());
    const rssBefore = fake.requestsOf('rss').length;
    fake.queue('rss', { delayMs: 400 });
    const answers = await Promise.all([callRoute('GET /api/cron/ingest', { headers: auth }), callRoute('GET /api/cron/ingest', { headers: auth })]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(bodies.map((b) => b.state).sort()).toEqual(['ok', 'stale']);
    const manifest = await (await getStore()).readManifest();
    expect(Object.keys(manifest.days)).toEqual(['2025-12-05']);
    expect(manifest.revision).toBe(1); // one commit, not two
    // Every paper of the day once.
    const ids = await feedIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(fixturePapersOf(SOURCES));
    const rss = fake.requestsOf('rss').slice(rssBefore);
    expect(rss.length).toBe(2);
    expect(rss[1]!.time - rss[0]!.time).toBeGreaterThanOrEqual(390); // the second waited for the first
  }, 30_000);

  it('from two independent store instances on one DATA_DIR: one commit, same papers', async () => {
    const dir = tempDir('af-two-');
    const env = getEnv({ DATA_DIR: dir, ...ingestEnv() });
    const instance = () => new Store(createEmbeddedDriver(dir), 'two:');
    fake.queue('rss', { delayMs: 300 });
    const results = await Promise.all([0, 1].map(() => runIngest({ store: instance(), env }, { now: new Date(), deadline: Date.now() + 20_000, backfill: false })));
    expect(results.map((r) => r.state).sort()).toEqual(['ok', 'stale']);
    const manifest = await instance().readManifest();
    expect(manifest.revision).toBe(1);
    const stored = Object.values(await readDay(instance(), '2025-12-05')).flat();
    expect(stored.length).toBe(Object.values(manifest.days['2025-12-05']!).reduce((n, r) => n + r.count, 0));
  }, 30_000);
});

describe('two summarize runs at once', () => {
  it('one run works, the other finds the lock; every wanted summary made exactly once, none lost', async () => {
    await useTempEnv({ CRON_SECRET: SECRET, OPENAI_API_KEY: 'test', OPENAI_BASE_URL: llm.baseURL, ARXIV_CATEGORIES: SOURCES.join(',') });
    const store = await getStore();
    await store.commitDay('2025-12-18', syntheticDay('2025-12-18', 3));
    const callsBefore = llm.calls;
    // What the run must cover: every paper the default profile's feed shows (its summaries are pending).
    const shown = ((await (await callRoute('GET /api/feed', { query: 'format=json' })).json()) as { items: unknown[] }).items.length;
    expect(shown).toBeGreaterThan(0);

    const answers = await Promise.all([callRoute('GET /api/cron/summarize', { headers: auth }), callRoute('GET /api/cron/summarize', { headers: auth })]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(bodies.map((b) => b.state).sort()).toEqual(['locked', 'ok']);
    const worked = bodies.find((b) => b.state === 'ok');
    expect(worked.counts.summarized).toBe(shown);
    for (const [key, n] of llm.answeredPerKey()) expect(n, key).toBe(1);
    expect(llm.calls - callsBefore).toBe(shown);

    // Two more runs at once from two instances: everything is cached, no call at all.
    const env = getEnv();
    const dir = process.env.DATA_DIR!;
    const results = await Promise.all([0, 1].map(() => runSummarize({ store: new Store(createEmbeddedDriver(dir), 'af:'), env }, { now: new Date(), deadline: Date.now() + 20_000 })));
    expect(results.map((r) => r.state).sort()).toEqual(results.some((r) => r.state === 'locked') ? ['locked', 'ok'] : ['ok', 'ok']);
    for (const r of results.filter((x) => x.state === 'ok')) expect(r.counts.summarized).toBe(0);
    expect(llm.calls - callsBefore).toBe(shown);

    // The feed carries every summary made (none lost between the runs).
    const res = await callRoute('GET /api/feed', { query: `cats=${SOURCES.join(',')}&format=json&limit=500` });
    const items = ((await res.json()) as { items: { content_html?: string }[] }).items;
    const withSummary = items.filter((i) => /One-sentence summary of/.test(i.content_html ?? ''));
    expect(withSummary.length).toBe(shown);

    const health = await (await callRoute('GET /api/health')).json();
    expect(health.summarize.state).toBe('ok');
    expect(health.summarize.backlog).toBe(0);
  }, 60_000);
});

describe('a store that goes down in the middle of an ingest', () => {
  it('at every write: old papers stay readable, the new day is absent or complete, the next run stores it', async () => {
    const OLD_DAY = '2025-12-04';
    let absent = 0;
    let complete = 0;
    for (let writes = 0; writes < 40; writes++) {
      const dir = tempDir('af-ingest-outage-');
      const env = getEnv({ DATA_DIR: dir, ...ingestEnv() });
      const healthy = new Store(createEmbeddedDriver(dir), 'io:');
      await healthy.commitDay(OLD_DAY, syntheticDay(OLD_DAY, 5));
      const oldIds = Object.values(await readDay(healthy, OLD_DAY)).flat().map((p) => p.id).sort();

      const driver = failingDriver(createEmbeddedDriver(dir), writes);
      let threw = false;
      try {
        await runIngest({ store: new Store(driver, 'io:'), env }, { now: new Date(), deadline: Date.now() + 10_000, backfill: false });
      } catch (err) {
        expect(err).toBeInstanceOf(StoreUnavailableError);
        threw = true;
      }
      driver.heal();
      expect(Object.values(await readDay(healthy, OLD_DAY)).flat().map((p) => p.id).sort()).toEqual(oldIds);
      const manifest = await healthy.readManifest();
      const day = manifest.days['2025-12-05'];
      if (!day) absent++;
      else {
        complete++;
        const buckets = await readDay(healthy, '2025-12-05');
        for (const [source, ref] of Object.entries(day)) expect(buckets[source]?.length, source).toBe(ref.count);
      }
      if (!threw) break; // the outage came after the run's last write
      // The lock of the interrupted run expires (TTL); the next run then stores the day.
      await healthy.driver.del([`io:${K.lockKey(K.INGEST_LOCK)}`]);
      const again = await runIngest({ store: healthy, env }, { now: new Date(), deadline: Date.now() + 10_000, backfill: false });
      expect(['ok', 'stale']).toContain(again.state);
      expect((await healthy.readManifest()).days['2025-12-05']).toBeDefined();
    }
    expect(absent).toBeGreaterThan(0);
    expect(complete).toBeGreaterThan(0);
  }, 120_000);
});
