/**
 * Store unreachable (issue 7 "Store and LLM"): every route answers 503 with Retry-After and a
 * short JSON message — never a 500 or an HTML page — for an embedded store whose folder cannot
 * be created and for a Redis URL pointing at a closed port; cron routes fail loudly (503).
 * And a store that goes down in the middle of a commit, at every possible write, leaves either
 * the old state or the new one, never a mix that drops papers.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../lib/errors';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { resetStore } from '../../lib/store/open-store';
import { ManifestSchema, Store } from '../../lib/store/store';
import * as K from '../../lib/store/keys';
import { callRoute, type CallOptions, type RouteName } from './helpers/call-route';
import { failingDriver } from './helpers/failing-driver';
import { syntheticDay } from './helpers/synthetic-papers';
import { tempDir, useTempEnv } from '../helpers/temp-env';
import { readStoredBucket } from '../helpers/read-bucket';

const SECRET = 'reliability-cron-secret-0001';
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const PROFILE = JSON.stringify({ categories: ['cs.LG'], keywords: ['sparse attention'] });

/** Every route that needs the store, with a request that is valid apart from the store being down. */
const CASES: [RouteName, CallOptions][] = [
  ['GET /api/feed', {}],
  ['GET /api/feed', { query: 'cats=cs.LG&q=attention&format=atom' }],
  ['GET /api/feed/[token]', { token: TOKEN, query: 'format=json' }],
  ['POST /api/profiles', { body: PROFILE }],
  ['GET /api/profiles/[token]', { token: TOKEN }],
  ['PUT /api/profiles/[token]', { token: TOKEN, body: PROFILE }],
  ['DELETE /api/profiles/[token]', { token: TOKEN }],
  ['GET /api/opml', { query: `token=${TOKEN}` }],
  ['GET /api/categories', {}],
  ['GET /api/health', {}],
  ['GET /api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }],
  ['GET /api/cron/summarize', { headers: { authorization: `Bearer ${SECRET}` } }],
];

async function expect503(name: RouteName, options: CallOptions, mustNotContain: string[]) {
  const res = await callRoute(name, options);
  const text = await res.text();
  expect(res.status, `${name} ${options.query ?? ''} → ${text.slice(0, 200)}`).toBe(503);
  expect(Number(res.headers.get('retry-after')), `${name}: Retry-After`).toBeGreaterThan(0);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  const message = typeof body.error === 'string' ? body.error : body.problems?.join(' ');
  expect(typeof message).toBe('string');
  expect(message.length).toBeLessThan(300);
  for (const s of mustNotContain) expect(text).not.toContain(s);
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterAll(async () => {
  await resetStore();
});

describe('embedded store whose folder cannot be created', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), 'x');
    await useTempEnv({ DATA_DIR: path.join(dir, 'a-file', 'data'), CRON_SECRET: SECRET });
  });

  it.each(CASES)('%s answers 503 + Retry-After + short JSON', async (name, options) => {
    await expect503(name, options, [dir]);
  });

  it('the OPML of a plain query needs no store and still answers 200', async () => {
    const res = await callRoute('GET /api/opml', { query: 'cats=cs.LG' });
    expect(res.status).toBe(200);
  });
});

describe('Redis on a closed port', () => {
  const password = 'redis-password-must-not-leak';
  beforeAll(async () => {
    const port = await closedPort();
    await useTempEnv({ REDIS_URL: `redis://:${password}@127.0.0.1:${port}`, CRON_SECRET: SECRET });
  });

  it.each(CASES)('%s answers 503 + Retry-After + short JSON, no password', async (name, options) => {
    await expect503(name, options, [password]);
  }, 20_000);
});

describe('a store that goes down in the middle of a commit', () => {
  const OLD_DAYS = ['2025-12-16', '2025-12-17'];

  async function seeded(): Promise<{ dir: string; before: Set<string>; revision: number }> {
    const dir = tempDir('af-outage-');
    const store = new Store(createEmbeddedDriver(dir), 'o:');
    for (const day of OLD_DAYS) await store.commitDay(day, syntheticDay(day, 5));
    const window = await store.readWindow({ sources: ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'], days: 30 });
    return { dir, before: new Set(window.entries.map((p) => `${p.announced}/${p.id}`)), revision: (await store.readManifest()).revision };
  }

  /** Every bucket the manifest names exists and parses; every paper stored before is still there. */
  async function assertIntact(dir: string, before: Set<string>) {
    const driver = createEmbeddedDriver(dir);
    const manifest = ManifestSchema.parse(JSON.parse((await driver.get(`o:${K.MANIFEST_KEY}`))!));
    for (const refs of Object.values(manifest.days))
      for (const ref of Object.values(refs)) {
        const papers = await readStoredBucket(driver, 'o:', ref);
        expect(papers, `bucket ${ref.key}`).not.toBeNull();
        expect(papers!.length).toBe(ref.count);
      }
    const window = await new Store(driver, 'o:').readWindow({ sources: ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'], days: 30 });
    const after = new Set(window.entries.map((p) => `${p.announced}/${p.id}`));
    for (const key of before) expect(after.has(key), `paper ${key} survived`).toBe(true);
    return manifest;
  }

  it.each([
    ['a new day', '2025-12-18', 6],
    ['a re-commit of a stored day with more papers', '2025-12-17', 7],
  ])('at every possible write: %s leaves the old state or the complete new one', async (_what, day, perSource) => {
    const outcomes = { old: 0, new: 0 };
    for (let writes = 0; ; writes++) {
      const { dir, before, revision } = await seeded();
      const driver = failingDriver(createEmbeddedDriver(dir), writes);
      const store = new Store(driver, 'o:');
      let failed = false;
      try {
        await store.commitDay(day, syntheticDay(day, perSource));
      } catch (err) {
        expect(err).toBeInstanceOf(StoreUnavailableError);
        failed = true;
      }
      driver.heal();
      const manifest = await assertIntact(dir, before);
      if (manifest.revision === revision) outcomes.old++;
      else {
        expect(manifest.revision).toBe(revision + 1);
        expect(Object.values(manifest.days[day]!).every((r) => r.count === perSource)).toBe(true);
        outcomes.new++;
      }
      if (!failed) break; // the outage came after the last write: every point has been tried
    }
    // 4 × (rows + one part), the directories and their versions (2 writes), then the manifest switch:
    // an outage at any of those 11 keeps the old state; after the switch (superseded buckets get a
    // short TTL) the new state is complete.
    expect(outcomes.old).toBe(11);
    expect(outcomes.new).toBeGreaterThanOrEqual(1);
  });
});
