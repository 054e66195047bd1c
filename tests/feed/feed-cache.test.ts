/**
 * The rendered-feed cache in serveFeed: a warm request is one store round trip (the version keys
 * the feed was built from) and no rebuild; an ingest of one of its categories or a summary of one
 * of its days in its language rebuilds; any other ingest or summary leaves it alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { FeedCache } from '../../lib/feed/feed-cache';
import { serveFeed } from '../../lib/feed/serve-feed';
import type { Paper } from '../../lib/model/paper';
import type { Profile } from '../../lib/model/profile';
import type { KvDriver } from '../../lib/store/driver';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { summaryScope } from '../../lib/summarize/summary-scope';

let dir = '';
afterEach(async () => rm(dir, { recursive: true, force: true }));

const paper = (id: string, day: string): Paper => ({
  id, version: 1, title: `Paper ${id}`, abstract: 'About kv cache eviction.', authors: ['A. Author'], categories: ['cs.LG'],
  announceType: 'new', announced: day, firstAnnounced: day,
});
const profile: Profile = { categories: ['cs.LG'], keywords: ['kv cache'], exclude: [], authors: [], min_score: 0, limit: 50, types: ['new', 'cross'], days: 3 };

async function world() {
  dir = await mkdtemp(path.join(tmpdir(), 'af-feed-cache-'));
  const calls: string[] = [];
  const inner = createEmbeddedDriver(dir);
  const driver = new Proxy(inner, {
    get: (target, prop: keyof KvDriver) => {
      const value = target[prop];
      return typeof value === 'function' ? (...args: unknown[]) => (calls.push(String(prop)), (value as (...a: unknown[]) => unknown).apply(target, args)) : value;
    },
  });
  const store = new Store(driver, 'fc:');
  await store.commitDay('2025-12-05', { 'cs.LG': [paper('2512.00001', '2025-12-05')] });
  const env = getEnv({ DATA_DIR: dir, SUMMARY_MODEL: 'm', SUMMARY_LANGUAGE: 'en' });
  const cache = new FeedCache();
  const get = async (headers: Record<string, string> = {}) => {
    calls.length = 0;
    const response = await serveFeed({ store, profile, format: 'rss', env, cache, request: new Request('http://localhost/api/feed?cats=cs.LG', { headers }) });
    return { response, body: await response.text(), calls: [...calls] };
  };
  return { store, get, cache, calls, env };
}

describe('serveFeed process cache', () => {
  it('cold: directories, window, shown summaries (3 round trips); warm: versions only, same ETag; 304 from the cache', async () => {
    const w = await world();
    const cold = await w.get();
    expect(cold.calls).toEqual(['mget', 'mget', 'mget']);
    expect(cold.body).toContain('Paper 2512.00001');
    const warm = await w.get();
    expect(warm.calls).toEqual(['mget']);
    expect(warm.response.headers.get('etag')).toBe(cold.response.headers.get('etag'));
    expect(warm.body).toBe(cold.body);
    const notModified = await w.get({ 'if-none-match': cold.response.headers.get('etag')! });
    expect(notModified.response.status).toBe(304);
    expect(notModified.calls).toEqual(['mget']);
  });

  it('a new announcement day or a stored summary rebuilds the feed', async () => {
    const w = await world();
    const first = await w.get();
    await w.store.commitDay('2025-12-08', { 'cs.LG': [paper('2512.00002', '2025-12-08')] });
    const afterIngest = await w.get();
    // The versions, the changed directory, the window, the shown summaries.
    expect(afterIngest.calls).toEqual(['mget', 'mget', 'mget', 'mget']);
    expect(afterIngest.body).toContain('Paper 2512.00002');
    expect(afterIngest.response.headers.get('etag')).not.toBe(first.response.headers.get('etag'));

    await w.store.putSummary(
      { paperId: '2512.00002', version: 1, language: 'en', model: 'm', promptVersion: 'p1', content: null, text: 'A cached summary.', createdAt: '2025-12-08T07:00:00Z', tokens: 10 },
      '2025-12-08',
      summaryScope('en', { SUMMARY_MODEL: 'm' }),
    );
    const afterSummary = await w.get();
    // The directory this process holds is still current: versions, window, shown summaries.
    expect(afterSummary.calls).toEqual(['mget', 'mget', 'mget']);
    expect(afterSummary.body).toContain('A cached summary.');
    expect((await w.get()).calls).toEqual(['mget']);
  });

  it('an ingest of another category or a summary in another language or of another day keeps the cached feed', async () => {
    const w = await world();
    const first = await w.get();
    await w.store.commitDay('2025-12-05', { 'math.CO': [{ ...paper('2512.09999', '2025-12-05'), categories: ['math.CO'] }] });
    await w.store.commitDay('2025-12-08', { 'q-bio.NC': [{ ...paper('2512.09998', '2025-12-08'), categories: ['q-bio.NC'] }] });
    const summary = { paperId: '2512.00001', version: 1, language: 'de', model: 'm', promptVersion: 'p1', content: null, text: 'Zusammenfassung.', createdAt: '2025-12-08T07:00:00Z', tokens: 10 };
    await w.store.putSummary(summary, '2025-12-05', summaryScope('de', { SUMMARY_MODEL: 'm' }));
    await w.store.putSummary({ ...summary, language: 'en' }, '2025-12-04', summaryScope('en', { SUMMARY_MODEL: 'm' }));
    const after = await w.get();
    expect(after.calls).toEqual(['mget']);
    expect(after.response.headers.get('etag')).toBe(first.response.headers.get('etag'));
  });

  it('a digest is cached too: its categories and its summary scope decide when it is rebuilt', async () => {
    const w = await world();
    const digest = { ...profile, digest: 'daily' as const };
    const get = async () => {
      const response = await serveFeed({ store: w.store, profile: digest, format: 'rss', env: w.env, cache: w.cache, request: new Request('http://localhost/api/feed?cats=cs.LG&digest=daily') });
      return { etag: response.headers.get('etag'), body: await response.text() };
    };
    const first = await get();
    w.calls.length = 0;
    expect((await get()).etag).toBe(first.etag);
    expect(w.calls).toEqual(['mget']);
    await w.store.commitDay('2025-12-08', { 'math.CO': [{ ...paper('2512.09999', '2025-12-08'), categories: ['math.CO'] }] });
    w.calls.length = 0;
    await get();
    expect(w.calls, 'another category').toEqual(['mget']);
    await w.store.putSummary(
      { paperId: '2512.00001', version: 1, language: 'en', model: 'm', promptVersion: 'p1', content: null, text: 'A digest summary.', createdAt: '2025-12-08T07:00:00Z', tokens: 10 },
      '2025-12-05',
      summaryScope('en', { SUMMARY_MODEL: 'm' }),
    );
    w.calls.length = 0;
    expect((await get()).body).toContain('A digest summary.');
    expect(w.calls.length).toBeGreaterThan(1);
  });

  it('stays bounded by entries and bytes', () => {
    const cache = new FeedCache(2, 10_000);
    const entry = (body: string) => ({ versions: 'v', etag: 'e', lastModified: new Date(0), notices: [], notIngested: [], cacheControl: 'public', body: new TextEncoder().encode(body), contentType: 'text/plain' });
    cache.set('a', entry('x'.repeat(1000)));
    cache.set('b', entry('x'.repeat(1000)));
    expect(cache.get('a', 'v')).toBeDefined(); // a is now most recent
    cache.set('c', entry('x'.repeat(1000)));
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBeDefined();
    cache.set('big', entry('x'.repeat(6000))); // over a quarter of the byte budget: not kept
    expect(cache.get('big', 'v')).toBeUndefined();
    expect(cache.get('a', 'w'), 'a stale version is a miss').toBeUndefined();
    expect(cache.get('a', 'v'), 'and the stale entry was dropped').toBeUndefined();
  });

  it('counts the bytes a body takes, not its characters', () => {
    const cache = new FeedCache(10, 40_000);
    const entry = (body: string) => ({ versions: 'v', etag: 'e', lastModified: new Date(0), notices: [], notIngested: [], cacheControl: 'public', body: new TextEncoder().encode(body), contentType: 'text/plain' });
    cache.set('accents', entry('é'.repeat(4000))); // 8,000 bytes: under a quarter of the budget
    expect(cache.get('accents', 'v')).toBeDefined();
    cache.set('more', entry('é'.repeat(6000))); // 6,000 characters but 12,000 bytes: over it
    expect(cache.get('more', 'v')).toBeUndefined();
  });
});
