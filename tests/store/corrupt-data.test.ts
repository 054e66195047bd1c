// Unreadable stored data (hand-edited, incompatible version) must fail loudly, never read as "no data".
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreCorruptError, toHttpError } from '../../lib/errors';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import * as K from '../../lib/store/keys';
import { Store } from '../../lib/store/store';

let dir = '';
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('embedded store: unreadable data is an error, never an empty store', () => {
  it('a corrupt manifest or bucket throws StoreCorruptError (503), a corrupt summary index reads as empty', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'af-corrupt-'));
    const store = new Store(createEmbeddedDriver(dir), 'c:');
    const paper = { id: '2501.00001', version: 1, title: 't', abstract: 'a', authors: ['x'], categories: ['cs.LG'], announceType: 'new' as const, announced: '2025-01-02', firstAnnounced: '2025-01-02' };
    await store.commitDay('2025-01-02', { 'cs.LG': [paper] });
    const files = await readdir(path.join(dir, 'kv'));
    const sumday = path.join(dir, 'kv', 'c%3asumday%3a2025-01-02%3aen%3am%3ap1.json');
    await writeFile(sumday, JSON.stringify({ v: '{not json' }));
    expect((await store.readWindow({ sources: ['cs.LG'], days: 1, summaryScope: 'en:m:p1' })).summaries.size).toBe(0);

    // The bucket's own key holds its first part of papers (its rows and further parts have suffixes).
    const bucket = files.find((f) => f.includes('bucket') && f.endsWith('%3ar1.json'))!;
    await writeFile(path.join(dir, 'kv', bucket), JSON.stringify({ v: '{"truncated' }));
    await expect(store.readWindow({ sources: ['cs.LG'], days: 1 })).rejects.toBeInstanceOf(StoreCorruptError);

    const manifest = files.find((f) => f.includes('manifest'))!;
    await writeFile(path.join(dir, 'kv', manifest), JSON.stringify({ v: '{"revision":"x"}' }));
    const err = await store.readManifest().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect(toHttpError(err).status).toBe(503);
    // A commit on top of an unreadable manifest must not replace it with a one-day manifest.
    await expect(store.commitDay('2025-01-03', { 'cs.LG': [paper] })).rejects.toBeInstanceOf(StoreCorruptError);
  });
});

/** The file an embedded store keeps a key in (the name escaping is the driver's: `:` → `%3a`). */
const fileOf = (key: string) => path.join(dir, 'kv', `${key.replace(/:/g, '%3a')}.json`);

describe('embedded store: a damaged file follows the rule of the record it holds', () => {
  const open = async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'af-damaged-'));
    const store = new Store(createEmbeddedDriver(dir), 'd:');
    await store.ping();
    return store;
  };

  for (const content of ['{}', '{"v":5}', 'not json at all', '']) {
    it(`a manifest file holding ${JSON.stringify(content)} is StoreCorruptError, never an empty store`, async () => {
      const store = await open();
      await writeFile(fileOf(`d:${K.MANIFEST_KEY}`), content);
      await expect(store.readManifest()).rejects.toBeInstanceOf(StoreCorruptError);
      await expect(store.commitDay('2025-01-03', {})).rejects.toBeInstanceOf(StoreCorruptError);
    });
  }

  it('damaged status, paper version, counter and lock files read as absent and are replaced', async () => {
    const store = await open();
    for (const key of [K.statusKey('ingest'), K.paperVersionKey('2501.00002'), K.lockKey('ingest')]) await writeFile(fileOf(`d:${key}`), '{"v":');
    await store.putPaperVersions(new Map([['2501.00001', { version: 1, firstAnnounced: '2025-01-02' }]]));
    expect(await store.getStatus('ingest')).toBeNull();
    expect([...(await store.getPaperVersions(['2501.00001', '2501.00002'])).keys()]).toEqual(['2501.00001']);
    expect(await store.acquireLock('ingest', 30)).toEqual(expect.any(String));
    const t = Date.parse('2025-01-02T10:00:05Z');
    await writeFile(fileOf(`d:${K.counterKey('ip', Math.floor(t / 60_000))}`), '[1,2');
    expect(await store.hit('ip', 60, t)).toBe(1);
  });

  it('a damaged profiles file is StoreCorruptError for profile routes (and not overwritten), jobs go on without profiles', async () => {
    const store = await open();
    await writeFile(fileOf(`d:${K.PROFILES_HASH}`), '{"h":{"tok":');
    await expect(store.getProfile('tok')).rejects.toBeInstanceOf(StoreCorruptError);
    await expect(store.putProfile('tok2', '{}')).rejects.toBeInstanceOf(StoreCorruptError);
    expect(await readFile(fileOf(`d:${K.PROFILES_HASH}`), 'utf8')).toBe('{"h":{"tok":');
    expect(await store.listProfiles()).toEqual({});
  });

  it('a damaged requested-categories file reads as none and is rebuilt', async () => {
    const store = await open();
    await writeFile(fileOf(`d:${K.REQUESTED_CATEGORIES_HASH}`), '{"h":[');
    expect(await store.requestedCategories()).toEqual([]);
    await store.requestCategory('cs.LG');
    expect(await store.requestedCategories()).toEqual(['cs.LG']);
  });
});

describe('embedded store: temp files of killed writers', () => {
  it('are swept (in the background) when a process opens the store, young ones are left to their writer', async () => {
    const { utimes, mkdir } = await import('node:fs/promises');
    dir = await mkdtemp(path.join(tmpdir(), 'af-tmp-'));
    await mkdir(path.join(dir, 'kv'));
    const old = path.join(dir, 'kv', 'manifest.json.123.abc.tmp');
    const young = path.join(dir, 'kv', 'manifest.json.456.def.tmp');
    await writeFile(old, 'x');
    await writeFile(young, 'y');
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(old, hourAgo, hourAgo);
    await new Store(createEmbeddedDriver(dir)).ping();
    // The sweep runs in the background of the first store access.
    await vi.waitFor(async () => expect((await readdir(path.join(dir, 'kv'))).sort()).toEqual(['manifest.json.456.def.tmp']));
  });
});
