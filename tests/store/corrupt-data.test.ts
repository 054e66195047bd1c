// Unreadable stored data (hand-edited, incompatible version) must fail loudly, never read as "no data".
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreCorruptError, toHttpError } from '../../lib/errors';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
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

    const bucket = files.find((f) => f.includes('bucket'))!;
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
