/**
 * THE storage contract: one suite, run unchanged against every backend (embedded, Redis, Vercel
 * KV). A backend is correct when it passes this file; lib/store/store.ts relies on nothing else.
 * Every key lives under the target's prefix, and each Store-level case gets its own sub-prefix so
 * cases cannot see each other's manifest.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/model/paper';
import type { KvDriver } from '../../lib/store/driver';
import { Store, summaryRef, type RunStatus } from '../../lib/store/store';
import { countingDriver } from '../../scripts/support/counting-driver';
import { makeBucket, makeSummary, weekdaysBack } from '../helpers/make-papers';
import { readDay } from '../helpers/read-day';
import { damagedRecordCases } from './damaged-records';
import { feedReadCases } from './feed-read-cases';
import { readSelectionCases } from './read-selection-cases';

export type ContractTarget = {
  driver: KvDriver;
  /** Unique per run; every key the suite writes starts with it. */
  prefix: string;
  /** Removes everything under `prefix` (after the driver is closed). */
  cleanup?: () => Promise<unknown>;
};

/** Short TTLs keep expiry tests fast; the margins absorb a loaded 2-core machine. */
const SHORT_TTL_S = 0.4;
const AFTER_TTL_MS = 700;

const WEIRD_VALUES = [
  '',
  '123',
  'OK',
  'PONG',
  'null',
  '{"a":1,"b":[true,null]}',
  'ünïcödé — 数学 — 🚀 emoji',
  'line\nbreak\ttab\r\n and \u0001 control',
  'x'.repeat(200_000),
];

export function runStoreContract(name: string, makeTarget: () => Promise<ContractTarget>): void {
  describe(`store contract: ${name}`, () => {
    let target: ContractTarget;
    let driver: KvDriver;
    let p: string;
    let storeCount = 0;
    /** A fresh sub-prefix per Store: its own manifest, profiles, locks. */
    const freshPrefix = () => `${p}s${++storeCount}:`;
    const freshStore = (d: KvDriver = driver, prefix = freshPrefix()) => new Store(d, prefix);

    beforeAll(async () => {
      target = await makeTarget();
      driver = target.driver;
      p = target.prefix;
    });
    afterAll(async () => {
      await driver?.close();
      await target?.cleanup?.();
    });

    // ---- driver primitives ---------------------------------------------------------------------

    describe('driver', () => {
      it('get/set/del round-trip values byte-identically', async () => {
        expect(await driver.get(`${p}missing`)).toBeNull();
        for (const [i, value] of WEIRD_VALUES.entries()) {
          expect(await driver.set(`${p}v${i}`, value)).toBe(true);
          expect(await driver.get(`${p}v${i}`)).toBe(value);
        }
        await driver.set(`${p}v0`, 'overwritten');
        expect(await driver.get(`${p}v0`)).toBe('overwritten');
        await driver.del([`${p}v0`, `${p}v1`, `${p}never-existed`]);
        expect(await driver.get(`${p}v0`)).toBeNull();
        expect(await driver.get(`${p}v1`)).toBeNull();
        await driver.del([]);
      });

      it('mget answers in key order with null for missing keys; mset writes many', async () => {
        expect(await driver.mget([])).toEqual([]);
        await driver.mset([
          [`${p}m1`, 'one'],
          [`${p}m2`, '{"two":2}'],
          [`${p}m3`, '3'],
        ]);
        await driver.mset([]);
        expect(await driver.mget([`${p}m3`, `${p}nope`, `${p}m1`, `${p}m2`])).toEqual(['3', null, 'one', '{"two":2}']);
      });

      it('mset with a TTL expires every key it wrote', async () => {
        await driver.mset([
          [`${p}mt1`, 'one'],
          [`${p}mt2`, 'two'],
        ], { ttlSeconds: SHORT_TTL_S });
        expect(await driver.mget([`${p}mt1`, `${p}mt2`])).toEqual(['one', 'two']);
        await sleep(AFTER_TTL_MS);
        expect(await driver.mget([`${p}mt1`, `${p}mt2`])).toEqual([null, null]);
      });

      it('expireIfEquals renews a key only while it holds the value', async () => {
        await driver.set(`${p}lease`, 'token-a', { ttlSeconds: SHORT_TTL_S });
        expect(await driver.expireIfEquals(`${p}lease`, 'token-b', 30)).toBe(false);
        expect(await driver.expireIfEquals(`${p}lease`, 'token-a', 30)).toBe(true);
        await sleep(AFTER_TTL_MS);
        expect(await driver.get(`${p}lease`)).toBe('token-a');
        expect(await driver.expireIfEquals(`${p}gone`, 'token-a', 30)).toBe(false);
        await driver.set(`${p}lease2`, 'token-a', { ttlSeconds: SHORT_TTL_S });
        await sleep(AFTER_TTL_MS);
        expect(await driver.expireIfEquals(`${p}lease2`, 'token-a', 30)).toBe(false); // expired: lost
        expect(await driver.get(`${p}lease2`)).toBeNull();
      });

      it('expires keys after their TTL (fractional seconds allowed)', async () => {
        await driver.set(`${p}ttl`, 'soon gone', { ttlSeconds: SHORT_TTL_S });
        await driver.set(`${p}no-ttl`, 'stays');
        expect(await driver.get(`${p}ttl`)).toBe('soon gone');
        await sleep(AFTER_TTL_MS);
        expect(await driver.get(`${p}ttl`)).toBeNull();
        expect(await driver.mget([`${p}ttl`, `${p}no-ttl`])).toEqual([null, 'stays']);
      });

      it('onlyIfAbsent writes once, and again after the holder expired', async () => {
        expect(await driver.set(`${p}nx`, 'first', { onlyIfAbsent: true, ttlSeconds: SHORT_TTL_S })).toBe(true);
        expect(await driver.set(`${p}nx`, 'second', { onlyIfAbsent: true })).toBe(false);
        expect(await driver.get(`${p}nx`)).toBe('first');
        await sleep(AFTER_TTL_MS);
        expect(await driver.set(`${p}nx`, 'third', { onlyIfAbsent: true })).toBe(true);
        expect(await driver.get(`${p}nx`)).toBe('third');
      });

      it('delIfEquals deletes only while the value matches', async () => {
        await driver.set(`${p}owned`, 'token-a');
        expect(await driver.delIfEquals(`${p}owned`, 'token-b')).toBe(false);
        expect(await driver.get(`${p}owned`)).toBe('token-a');
        expect(await driver.delIfEquals(`${p}owned`, 'token-a')).toBe(true);
        expect(await driver.get(`${p}owned`)).toBeNull();
        expect(await driver.delIfEquals(`${p}owned`, 'token-a')).toBe(false);
      });

      it('incr counts atomically and keeps the TTL set at creation', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, () => driver.incr(`${p}ctr`, SHORT_TTL_S)));
        expect(results.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        await sleep(AFTER_TTL_MS / 2);
        expect(await driver.incr(`${p}ctr`, 60)).toBe(11); // must not push the expiry out
        await sleep(AFTER_TTL_MS / 2 + 100);
        expect(await driver.incr(`${p}ctr`, 60)).toBe(1);
      });

      it('hashes: hset/hget/hgetall/hdel keep values as strings', async () => {
        expect(await driver.hgetall(`${p}h`)).toEqual({});
        expect(await driver.hget(`${p}h`, 'a')).toBeNull();
        await driver.hset(`${p}h`, 'a', '{"json":true}');
        await driver.hset(`${p}h`, 'b', '42');
        await driver.hset(`${p}h`, 'a', '{"json":"again"}');
        expect(await driver.hget(`${p}h`, 'a')).toBe('{"json":"again"}');
        expect(await driver.hgetall(`${p}h`)).toEqual({ a: '{"json":"again"}', b: '42' });
        expect(await driver.hdel(`${p}h`, 'a')).toBe(true);
        expect(await driver.hdel(`${p}h`, 'a')).toBe(false);
        expect(await driver.hgetall(`${p}h`)).toEqual({ b: '42' });
      });

      it('ping resolves', async () => {
        await expect(driver.ping()).resolves.toBeUndefined();
      });
    });

    // ---- the Store on top of it ----------------------------------------------------------------

    describe('Store', () => {
      const days = weekdaysBack('2025-11-21', 3); // Fri, Thu, Wed

      it('commitDay + readWindow: newest days first, only the requested sources', async () => {
        const store = freshStore();
        for (const [i, day] of [...days].reverse().entries()) {
          await store.commitDay(day, {
            'cs.LG': makeBucket(day, 'cs.LG', 3, i * 100),
            'cs.CL': makeBucket(day, 'cs.CL', 2, i * 100 + 50),
          });
        }
        const w = await store.readWindow({ sources: ['cs.LG'], days: 2 });
        expect(w.days).toEqual(days.slice(0, 2));
        expect(w.entries).toHaveLength(6);
        expect(new Set(w.entries.map((e) => e.announced))).toEqual(new Set(days.slice(0, 2)));
        expect(w.entries.every((e) => e.categories[0] === 'cs.LG')).toBe(true);
        expect(w.entries[0]).toEqual(makeBucket(days[0]!, 'cs.LG', 3, 200)[0]);

        const both = await store.readWindow({ sources: ['cs.LG', 'cs.CL'], days: 10 });
        expect(both.days).toEqual(days);
        expect(both.entries).toHaveLength(15);
        expect(both.manifest.revision).toBe(3);
      });

      it('a day only some sources have counts for those sources only; unknown sources read nothing', async () => {
        const store = freshStore();
        await store.commitDay(days[1]!, { 'cs.DC': makeBucket(days[1]!, 'cs.DC', 2, 0) });
        await store.commitDay(days[0]!, { 'cs.AI': makeBucket(days[0]!, 'cs.AI', 4, 10) });
        const dc = await store.readWindow({ sources: ['cs.DC'], days: 1 });
        expect(dc.days).toEqual([days[1]]);
        expect(dc.entries.map((e) => e.announced)).toEqual([days[1], days[1]]);
        const none = await store.readWindow({ sources: ['math.CO'], days: 5 });
        expect(none.days).toEqual([]);
        expect(none.entries).toEqual([]);
        expect(await readDay(store, days[0]!)).toEqual({ 'cs.AI': makeBucket(days[0]!, 'cs.AI', 4, 10) });
      });

      it('a re-ingest replaces the day (the new version recorded in the paper versions); the superseded bucket stays readable', async () => {
        const prefix = freshPrefix();
        const store = freshStore(driver, prefix);
        const day = days[0]!;
        const original = makeBucket(day, 'cs.LG', 3, 0);
        await store.commitDay(day, { 'cs.LG': original, 'cs.CL': makeBucket(day, 'cs.CL', 1, 50) });
        await store.putPaperVersions(new Map(original.map((x) => [x.id, { version: 1, firstAnnounced: day }])));
        const before = await store.readManifest();
        const oldKey = before.days[day]!['cs.LG']!.key;

        // arXiv replaced paper 1 the same day: version 2, same first announcement.
        const versions = await store.getPaperVersions([original[1]!.id, 'unknown.00001']);
        expect([...versions.keys()]).toEqual([original[1]!.id]);
        const replaced: Paper = { ...original[1]!, version: 2, announceType: 'replace', abstract: 'Revised abstract.' };
        await store.commitDay(day, { 'cs.LG': [original[0]!, replaced, original[2]!] });
        await store.putPaperVersions(new Map([[replaced.id, { version: 2, firstAnnounced: versions.get(replaced.id)!.firstAnnounced }]]));

        const after = await store.readWindow({ sources: ['cs.LG', 'cs.CL'], days: 1 });
        expect(after.manifest.revision).toBe(before.revision + 1);
        expect(after.entries.filter((e) => e.id === replaced.id)).toEqual([replaced]);
        expect(after.entries.filter((e) => e.categories[0] === 'cs.CL')).toHaveLength(1); // untouched source kept
        expect((await store.getPaperVersions([replaced.id])).get(replaced.id)).toEqual({ version: 2, firstAnnounced: day });

        // A reader still holding the previous manifest finds its bucket for a while.
        expect(after.manifest.days[day]!['cs.LG']!.key).not.toBe(oldKey);
        expect(await driver.get(`${prefix}${oldKey}`)).not.toBeNull();
        const stale = await store.readWindow({ sources: ['cs.LG'], days: 1, manifest: before });
        expect(stale.entries).toEqual(original);
      });

      it('summaries: one per (paper version, scope), indexed per day and read with the window', async () => {
        const store = freshStore();
        const day = days[0]!;
        const papers = makeBucket(day, 'cs.LG', 3, 0);
        await store.commitDay(day, { 'cs.LG': papers });
        const scope = 'en:test-model:p1';
        await store.putSummary(makeSummary(papers[0]!), day, scope);
        await store.putSummary(makeSummary(papers[2]!), day, scope);
        await store.putSummary(makeSummary(papers[1]!, 'de'), day, 'de:test-model:p1');

        expect(await store.getSummary(papers[0]!.id, 1, scope)).toEqual(makeSummary(papers[0]!));
        expect(await store.getSummary(papers[0]!.id, 2, scope)).toBeNull();
        expect(await store.getSummary(papers[1]!.id, 1, scope)).toBeNull();

        const w = await store.readWindow({ sources: ['cs.LG'], days: 1, summaryScope: scope });
        expect([...w.summaries.keys()].sort()).toEqual([summaryRef(papers[0]!.id, 1), summaryRef(papers[2]!.id, 1)].sort());
        const none = await store.readWindow({ sources: ['cs.LG'], days: 1 });
        expect(none.summaries.size).toBe(0);
      });

      it('profiles and requested categories', async () => {
        const store = freshStore();
        expect(await store.getProfile('tok1')).toBeNull();
        await store.putProfile('tok1', '{"categories":["cs.LG"]}');
        await store.putProfile('tok2', '{"categories":["cs.CL"]}');
        await store.putProfile('tok1', '{"categories":["cs.LG","cs.AI"]}');
        expect(await store.getProfile('tok1')).toBe('{"categories":["cs.LG","cs.AI"]}');
        expect(await store.listProfiles()).toEqual({ tok1: '{"categories":["cs.LG","cs.AI"]}', tok2: '{"categories":["cs.CL"]}' });
        expect(await store.deleteProfile('tok2')).toBe(true);
        expect(await store.deleteProfile('tok2')).toBe(false);
        expect(Object.keys(await store.listProfiles())).toEqual(['tok1']);

        await store.requestCategory('q-bio.NC', new Date('2025-11-20T00:00:00Z'));
        await store.requestCategory('math.CO');
        expect((await store.requestedCategories()).sort()).toEqual(['math.CO', 'q-bio.NC']);
        const since = new Date('2025-11-21T00:00:00Z');
        expect(await store.requestedCategories(since)).toEqual(['math.CO']);
        await store.requestCategory('q-bio.NC', new Date('2025-11-22T00:00:00Z')); // asked again: counts from then
        expect((await store.requestedCategories(since)).sort()).toEqual(['math.CO', 'q-bio.NC']);
      });

      it('locks: one holder, released by its owner only, expiring after the TTL', async () => {
        const store = freshStore();
        const token = await store.acquireLock('ingest', 30);
        expect(token).toEqual(expect.any(String));
        expect(await store.acquireLock('ingest', 30)).toBeNull();
        expect(await store.acquireLock('summarize', 30)).toEqual(expect.any(String)); // independent names
        expect(await store.releaseLock('ingest', 'not-the-owner')).toBe(false);
        expect(await store.acquireLock('ingest', 30)).toBeNull();
        expect(await store.releaseLock('ingest', token!)).toBe(true);
        const next = await store.acquireLock('ingest', SHORT_TTL_S);
        expect(next).toEqual(expect.any(String));
        expect(next).not.toBe(token);
        await sleep(AFTER_TTL_MS);
        const afterExpiry = await store.acquireLock('ingest', 30);
        expect(afterExpiry).toEqual(expect.any(String));
        expect(await store.releaseLock('ingest', next!)).toBe(false); // the expired holder cannot release the new one
      });

      it('only one of many concurrent lock attempts wins', async () => {
        const store = freshStore();
        const tokens = await Promise.all(Array.from({ length: 8 }, () => store.acquireLock('race', 30)));
        expect(tokens.filter(Boolean)).toHaveLength(1);
      });

      it('run status round-trips and validates', async () => {
        const store = freshStore();
        expect(await store.getStatus('ingest')).toBeNull();
        const status: RunStatus = {
          kind: 'ingest',
          state: 'ok',
          startedAt: '2025-11-21T01:30:00.000Z',
          finishedAt: '2025-11-21T01:30:09.000Z',
          counts: { new: 120, replaced: 4 },
          detail: { 'cs.LG': 'ok' },
        };
        await store.putStatus(status);
        expect(await store.getStatus('ingest')).toEqual(status);
        await store.putStatus({ ...status, state: 'failed', error: 'arXiv answered 503', counts: {} });
        expect((await store.getStatus('ingest'))?.state).toBe('failed');
      });

      it('hit counters count per fixed window', async () => {
        const store = freshStore();
        const t = Date.parse('2025-11-21T10:00:05Z');
        expect(await store.hit('ip:1', 60, t)).toBe(1);
        expect(await store.hit('ip:1', 60, t + 1_000)).toBe(2);
        expect(await store.hit('ip:2', 60, t)).toBe(1);
        expect(await store.hit('ip:1', 60, t + 60_000)).toBe(1); // next window
      });

      it('readWindow stays within maxBytes: newest days first, the rest left out and flagged', async () => {
        const store = freshStore();
        for (const [i, day] of [...days].reverse().entries()) {
          await store.commitDay(day, { 'cs.LG': makeBucket(day, 'cs.LG', 4, i * 100), 'cs.CL': makeBucket(day, 'cs.CL', 4, i * 100 + 50) });
        }
        const full = await store.readWindow({ sources: ['cs.LG', 'cs.CL'], days: 3 });
        expect(full.truncated).toBe(false);
        const daySize = Object.values(full.manifest.days[days[0]!]!).reduce((n, r) => n + (r.bytes ?? 0), 0);
        expect(daySize).toBeGreaterThan(0);

        const twoDays = await store.readWindow({ sources: ['cs.LG', 'cs.CL'], days: 3, maxBytes: daySize * 2 + 10 });
        expect(twoDays.days).toEqual(days.slice(0, 2));
        expect(twoDays.entries).toHaveLength(16);
        expect(twoDays.truncated).toBe(true);

        // Even a tiny budget serves the newest bucket rather than nothing.
        const tiny = await store.readWindow({ sources: ['cs.LG', 'cs.CL'], days: 3, maxBytes: 1 });
        expect(tiny.days).toEqual([days[0]]);
        expect(tiny.entries).toHaveLength(4);
        expect(tiny.truncated).toBe(true);
      });

      it('store.ping resolves', async () => {
        await expect(freshStore().ping()).resolves.toBeUndefined();
      });

      it('a whole-window read for jobs (7 days × 4 sources + summary indexes) costs 2 round trips', async () => {
        const counting = countingDriver(driver);
        const store = freshStore(counting);
        const sources = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'];
        const week = weekdaysBack('2025-11-21', 7);
        const scope = 'en:test-model:p1';
        for (const [d, day] of [...week].reverse().entries()) {
          const bySource = Object.fromEntries(sources.map((s, i) => [s, makeBucket(day, s, 5, d * 1000 + i * 100)]));
          await store.commitDay(day, bySource);
          await store.putSummary(makeSummary(bySource['cs.LG']![0]!), day, scope);
        }
        counting.resetCounts();
        const w = await store.readWindow({ sources, days: 7, summaryScope: scope });
        expect(w.entries).toHaveLength(7 * 4 * 5);
        expect(w.summaries.size).toBe(7);
        expect(counting.calls).toEqual(['get', 'mget']);
      });
    });

    damagedRecordCases(() => driver, freshPrefix);
    feedReadCases(() => driver, freshPrefix);
    readSelectionCases(() => driver, freshPrefix);
  });
}
