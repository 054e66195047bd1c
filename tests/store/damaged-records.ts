/**
 * Part of the storage contract (tests/store/contract.ts), run on every backend: what the Store does
 * with a stored record that exists but cannot be read (hand-edited, written by an incompatible
 * version, the wrong type at its key). One rule per kind of record:
 * - data that cannot be rebuilt (manifest, buckets, saved profiles) → StoreCorruptError (503) and
 *   nothing written over it;
 * - records that are rebuilt anyway (run status, summaries, paper versions, requested categories,
 *   counters) → read as absent, and the next write replaces them.
 */
import { describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../lib/errors';
import type { KvDriver } from '../../lib/store/driver';
import * as K from '../../lib/store/keys';
import { Store, type RunStatus } from '../../lib/store/store';
import { makeBucket, makeSummary } from '../helpers/make-papers';

const DAY = '2025-11-21';
const NOT_JSON = '{"cut off';
const status: RunStatus = { kind: 'ingest', state: 'ok', startedAt: '2025-11-21T01:30:00.000Z', finishedAt: '2025-11-21T01:30:09.000Z', counts: { new: 1 } };

export function damagedRecordCases(driverOf: () => KvDriver, freshPrefix: () => string): void {
  const setup = () => {
    const prefix = freshPrefix();
    const driver = driverOf();
    return { driver, prefix, store: new Store(driver, prefix), key: (name: string) => prefix + name };
  };

  describe('damaged records', () => {
    for (const damaged of ['{}', NOT_JSON, '{"revision":"x","days":{}}', '[]']) {
      it(`a manifest holding ${damaged} is StoreCorruptError for every read, and a commit writes nothing over it`, async () => {
        const { driver, store, key } = setup();
        await driver.set(key(K.MANIFEST_KEY), damaged);
        await expect(store.readManifest()).rejects.toBeInstanceOf(StoreCorruptError);
        await expect(store.readWindow({ sources: ['cs.LG'], days: 1 })).rejects.toBeInstanceOf(StoreCorruptError);
        await expect(store.commitDay(DAY, { 'cs.LG': makeBucket(DAY, 'cs.LG', 2, 0) })).rejects.toBeInstanceOf(StoreCorruptError);
        expect(await driver.get(key(K.MANIFEST_KEY))).toBe(damaged);
      });
    }

    for (const damaged of [NOT_JSON, '{"a":1}']) {
      it(`a bucket holding ${damaged} is StoreCorruptError`, async () => {
        const { driver, store, key } = setup();
        const manifest = await store.commitDay(DAY, { 'cs.LG': makeBucket(DAY, 'cs.LG', 2, 0) });
        const ref = manifest.days[DAY]!['cs.LG']!;
        // Every value the bucket is stored in: one JSON array, or rows plus parts.
        const stored = ref.parts === undefined ? [ref.key] : [K.bucketRowsKey(ref.key), ...ref.parts.map((_, i) => K.bucketPartKey(ref.key, i))];
        for (const k of stored) await driver.set(key(k), damaged);
        await expect(store.readWindow({ sources: ['cs.LG'], days: 1 })).rejects.toBeInstanceOf(StoreCorruptError);
      });
    }

    it('saved profiles stored as the wrong type: profile reads and writes are StoreCorruptError, jobs read no profiles', async () => {
      const { driver, store, key } = setup();
      await driver.set(key(K.PROFILES_HASH), NOT_JSON);
      await expect(store.getProfile('tok')).rejects.toBeInstanceOf(StoreCorruptError);
      await expect(store.putProfile('tok', '{"categories":["cs.LG"]}')).rejects.toBeInstanceOf(StoreCorruptError);
      await expect(store.deleteProfile('tok')).rejects.toBeInstanceOf(StoreCorruptError);
      expect(await driver.get(key(K.PROFILES_HASH))).toBe(NOT_JSON);
      // Ingest and summarize must not stop for it: they go on without saved profiles.
      expect(await store.listProfiles()).toEqual({});
    });

    for (const damaged of [NOT_JSON, '{}', 'null', '{"kind":"ingest","state":"exploded"}']) {
      it(`a run status holding ${damaged} reads as absent and is replaced by the next one`, async () => {
        const { driver, store, key } = setup();
        await driver.set(key(K.statusKey('ingest')), damaged);
        expect(await store.getStatus('ingest')).toBeNull();
        await store.putStatus(status);
        expect(await store.getStatus('ingest')).toEqual(status);
      });
    }

    it('a run status stored as the wrong type reads as absent and is replaced', async () => {
      const { driver, store, key } = setup();
      await driver.hset(key(K.statusKey('ingest')), 'f', 'v');
      expect(await store.getStatus('ingest')).toBeNull();
      await store.putStatus(status);
      expect(await store.getStatus('ingest')).toEqual(status);
    });

    it('damaged paper version records read as absent, the readable ones are kept, the next write replaces them', async () => {
      const { driver, store, key } = setup();
      await store.putPaperVersions(new Map([['2501.00001', { version: 2, firstAnnounced: DAY }]]));
      await driver.set(key(K.paperVersionKey('2501.00002')), NOT_JSON);
      await driver.set(key(K.paperVersionKey('2501.00003')), '{"version":"two"}');
      const found = await store.getPaperVersions(['2501.00001', '2501.00002', '2501.00003']);
      expect(Object.fromEntries(found)).toEqual({ '2501.00001': { version: 2, firstAnnounced: DAY } });
      await store.putPaperVersions(new Map([['2501.00002', { version: 1, firstAnnounced: DAY }]]));
      expect((await store.getPaperVersions(['2501.00002'])).get('2501.00002')).toEqual({ version: 1, firstAnnounced: DAY });
    });

    it('a damaged summary reads as absent', async () => {
      const { driver, store, key } = setup();
      const paper = makeBucket(DAY, 'cs.LG', 1, 0)[0]!;
      await store.commitDay(DAY, { 'cs.LG': [paper] });
      await driver.set(key(K.summaryKey(paper.id, 1, 'en:m:p1')), NOT_JSON);
      await driver.set(key(K.summaryDayKey(DAY, 'en:m:p1')), NOT_JSON);
      expect(await store.getSummary(paper.id, 1, 'en:m:p1')).toBeNull();
      expect((await store.readWindow({ sources: ['cs.LG'], days: 1, summaryScope: 'en:m:p1' })).summaries.size).toBe(0);
      await store.putSummary(makeSummary(paper), DAY, 'en:m:p1');
      expect(await store.getSummary(paper.id, 1, 'en:m:p1')).toEqual(makeSummary(paper));
    });

    it('damaged requested categories read as none and are rebuilt by the next request', async () => {
      const { driver, store, key } = setup();
      await driver.set(key(K.REQUESTED_CATEGORIES_HASH), NOT_JSON);
      expect(await store.requestedCategories()).toEqual([]);
      await driver.set(key(K.REQUESTED_CATEGORIES_HASH), NOT_JSON);
      await store.requestCategory('math.CO');
      expect(await store.requestedCategories()).toEqual(['math.CO']);
    });

    for (const damaged of ['garbage', '1.5', '']) {
      it(`a counter holding ${JSON.stringify(damaged)} starts over at 1 (with its TTL)`, async () => {
        const { driver, store, key } = setup();
        const t = Date.parse('2025-11-21T10:00:05Z');
        await driver.set(key(K.counterKey('ip:1', Math.floor(t / 1000 / 60))), damaged);
        expect(await store.hit('ip:1', 60, t)).toBe(1);
        expect(await store.hit('ip:1', 60, t)).toBe(2);
      });
    }

    it('a counter stored as the wrong type starts over at 1', async () => {
      const { driver, key } = setup();
      await driver.hset(key('count:x'), 'f', 'v');
      expect(await driver.incr(key('count:x'), 60)).toBe(1);
    });
  });
}
