/**
 * Part of the storage contract (tests/store/contract.ts), run on every backend: a feed miss reads
 * in proportion to what the feed shows (rows, or each candidate's text once; then only the shown
 * records), serves every day asked for or says why not, and a cached feed's versions change only
 * with its own sources, days and summary scope.
 */
import { describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../lib/errors';
import type { AnnounceType, Day, Paper } from '../../lib/model/paper';
import type { KvDriver } from '../../lib/store/driver';
import * as K from '../../lib/store/keys';
import { Store, type FeedWindowQuery } from '../../lib/store/store';
import { countingDriver } from '../../scripts/support/counting-driver';
import { makeBucket, makePaper, makeSummary, weekdaysBack } from '../helpers/make-papers';

const DAYS = weekdaysBack('2025-11-21', 3); // Fri, Thu, Wed
const SCOPE = 'en:test-model:p1';
const TYPES: AnnounceType[] = ['new', 'cross'];

const query = (requested: string[], days: number, extra: Partial<FeedWindowQuery> = {}): FeedWindowQuery => ({
  requested,
  days,
  types: TYPES,
  withText: false,
  ...extra,
});

/** One day as ingest buckets it: cs.LG papers are cross-listed to cs.AI, the `cs` archive holds both, and all are cross-listed to stat.ML. */
function csDay(day: Day, offset: number) {
  const lg = makeBucket(day, 'cs.LG', 10, offset);
  const ai = makeBucket(day, 'cs.AI', 10, offset + 100).map((p) => ({ ...p, categories: ['cs.AI', 'stat.ML'] }));
  const cross = (papers: Paper[]) => papers.map((p): Paper => ({ ...p, announceType: 'cross' }));
  return { lg, ai, bySource: { 'cs.LG': lg, 'cs.AI': [...ai, ...cross(lg)], cs: [...lg, ...ai], stat: cross([...lg, ...ai]) } };
}

const ids = (papers: Paper[]) => papers.map((p) => p.id);

export function feedReadCases(driverOf: () => KvDriver, freshPrefix: () => string): void {
  const setup = () => {
    const counting = countingDriver(driverOf());
    return { counting, store: new Store(counting, freshPrefix()) };
  };

  describe('feed reads', () => {
    it('an unranked miss reads rows (no text), then only the records it shows: 3 round trips', async () => {
      const { counting, store } = setup();
      const stored = new Map<Day, Paper[]>();
      for (const [i, day] of [...DAYS].reverse().entries()) {
        stored.set(day, makeBucket(day, 'cs.LG', 30, i * 100));
        await store.commitDay(day, { 'cs.LG': stored.get(day)!, 'cs.CL': makeBucket(day, 'cs.CL', 10, i * 100 + 50) });
      }
      await store.putSummary(makeSummary(stored.get(DAYS[0]!)![1]!), DAYS[0]!, SCOPE);
      counting.resetCounts();
      const window = await store.readFeedWindow(query(['cs.LG'], 2, { summaryScope: SCOPE }));
      expect(window.days).toEqual(DAYS.slice(0, 2));
      expect(window.entries).toHaveLength(60);
      expect(window.entries.every((p) => p.title === '' && p.abstract === '' && p.categories[0] === 'cs.LG')).toBe(true);
      const papersJson = JSON.stringify([...stored.get(DAYS[0]!)!, ...stored.get(DAYS[1]!)!]).length;
      expect(counting.bytesRead).toBeLessThan(papersJson / 5);

      const wanted = stored.get(DAYS[0]!)!.slice(0, 3);
      const shown = await store.readShown(window, window.entries.filter((p) => wanted.some((w) => w.id === p.id)));
      expect(shown.papers).toEqual(wanted);
      expect([...shown.summaries.keys()]).toEqual([`${wanted[1]!.id}v1`]);
      expect(counting.calls).toEqual(['mget', 'mget', 'mget']);
    });

    it('a category and its archive both stored: each request reads only its most specific bucket, each paper once', async () => {
      const { store } = setup();
      const { lg, ai, bySource } = csDay(DAYS[0]!, 0);
      await store.commitDay(DAYS[0]!, bySource);
      const ranked = (requested: string[], types = TYPES) => store.readFeedWindow(query(requested, 1, { withText: true, types }));
      expect(ids((await ranked(['cs.LG'])).entries).sort()).toEqual(ids(lg).sort());
      expect(ids((await ranked(['cs'])).entries).sort()).toEqual(ids([...lg, ...ai]).sort());
      // cs.AI's copies of the cs.LG papers are skipped: the cs.LG bucket holds them (as `new`).
      const both = await ranked(['cs.AI', 'cs.LG']);
      expect(ids(both.entries).sort()).toEqual(ids([...lg, ...ai]).sort());
      expect(both.entries.filter((p) => lg.some((l) => l.id === p.id)).every((p) => p.announceType === 'new')).toBe(true);
      // Another archive's copies are skipped too, when the owner's bucket or its archive's is read.
      const archives = await ranked(['cs', 'stat']);
      expect(ids(archives.entries).sort()).toEqual(ids([...lg, ...ai]).sort());
      // Small groups of several owners share a part: read unless every owner's papers are held.
      const mixed = await ranked(['cs.LG', 'stat']);
      expect([...new Set(ids(mixed.entries))].sort()).toEqual(ids([...lg, ...ai]).sort());
      // A reader of cross-lists only needs cs.AI's `cross` copies: none skipped.
      const crossOnly = await ranked(['cs.AI', 'cs.LG'], ['cross']);
      expect(crossOnly.entries).toHaveLength(30);
      expect((await store.readFeedWindow(query(['cs.LG'], 1))).entries).toHaveLength(10);
    });

    it('days over the budget are left out, newest kept, and the window says so', async () => {
      const { store } = setup();
      for (const [i, day] of [...DAYS].reverse().entries()) await store.commitDay(day, { 'cs.LG': makeBucket(day, 'cs.LG', 10, i * 100) });
      const all = await store.readFeedWindow(query(['cs.LG'], 3, { withText: true }));
      expect(all.days).toEqual(DAYS);
      expect(all.notices).toEqual([]);
      const capped = await store.readFeedWindow(query(['cs.LG'], 3, { withText: true, maxEntries: 25 }));
      expect(capped.days).toEqual(DAYS.slice(0, 2));
      expect(capped.notices).toEqual([expect.stringMatching(/^Showing the newest 2 of 3 announcement days: ranking all of them means scoring 30 papers/)]);
      const tiny = await store.readFeedWindow(query(['cs.LG'], 3, { maxEntries: 1 }));
      expect(tiny.days).toEqual([DAYS[0]]);
      expect(tiny.notices[0]).toMatch(/^Showing the newest 1 of 3 announcement days: listing all of them means 30 entries/);
    });

    it("a feed's versions change with its own sources, days and summary scope only; checking them reads a few bytes", async () => {
      const { counting, store } = setup();
      for (const [i, day] of [...DAYS].reverse().entries())
        await store.commitDay(day, { 'cs.LG': makeBucket(day, 'cs.LG', 3, i * 100), 'cs.CL': makeBucket(day, 'cs.CL', 3, i * 100 + 50) });
      const window = await store.readFeedWindow(query(['cs.LG'], 1, { summaryScope: SCOPE }));
      const { deps, tag } = window.versions;
      const check = async () => {
        counting.resetCounts();
        const current = await store.readFeedVersions(deps);
        expect(counting.calls).toEqual(['mget']);
        expect(counting.bytesRead).toBeLessThan(1024);
        return current.tag;
      };
      expect(await check()).toBe(tag);
      await store.commitDay(DAYS[0]!, { 'math.CO': [makePaper(900, DAYS[0]!, 'math.CO')] });
      await store.putSummary(makeSummary(makePaper(200, DAYS[0]!, 'cs.LG')), DAYS[0]!, 'de:test-model:p1');
      await store.putSummary(makeSummary(makePaper(0, DAYS[2]!, 'cs.LG')), DAYS[2]!, SCOPE);
      expect(await check(), 'another source, scope or day').toBe(tag);
      await store.putSummary(makeSummary(makePaper(200, DAYS[0]!, 'cs.LG')), DAYS[0]!, SCOPE);
      const afterSummary = await check();
      expect(afterSummary).not.toBe(tag);
      await store.commitDay('2025-11-24', { 'cs.LG': makeBucket('2025-11-24', 'cs.LG', 3, 900) });
      expect(await check()).not.toBe(afterSummary);
    });

    it('a store written before source directories is read from its manifest until the next commit builds them', async () => {
      const driver = driverOf();
      const prefix = freshPrefix();
      const legacy = new Store(driver, prefix);
      const day = DAYS[1]!;
      const papers = makeBucket(day, 'cs.LG', 2, 0);
      const key = K.bucketKey('cs.LG', day, 1);
      await driver.set(`${prefix}${key}`, JSON.stringify(papers));
      const manifest = { revision: 1, updatedAt: '2025-11-20T12:00:00.000Z', days: { [day]: { 'cs.LG': { key, count: 2, bytes: 4000 } } } };
      await driver.set(`${prefix}${K.MANIFEST_KEY}`, JSON.stringify(manifest));
      const before = await legacy.readFeedWindow(query(['cs.LG'], 1));
      expect(ids(before.entries)).toEqual(ids(papers));
      expect(before.versions.cacheable).toBe(false);
      expect((await legacy.readShown(before, before.entries)).papers).toEqual(papers);

      await legacy.commitDay(DAYS[0]!, { 'cs.CL': makeBucket(DAYS[0]!, 'cs.CL', 1, 50) });
      const after = await new Store(driver, prefix).readFeedWindow(query(['cs.LG'], 1));
      expect(after.versions.cacheable).toBe(true);
      expect((await legacy.readShown(after, after.entries)).papers).toEqual(papers);
    });

    it('a damaged rows or part value is StoreCorruptError for a feed read, never an empty feed', async () => {
      const driver = driverOf();
      const prefix = freshPrefix();
      const store = new Store(driver, prefix);
      const manifest = await store.commitDay(DAYS[0]!, { 'cs.LG': makeBucket(DAYS[0]!, 'cs.LG', 3, 0) });
      const { key } = manifest.days[DAYS[0]!]!['cs.LG']!;
      await driver.set(`${prefix}${K.bucketRowsKey(key)}`, 'br1:not brotli');
      await expect(store.readFeedWindow(query(['cs.LG'], 1))).rejects.toBeInstanceOf(StoreCorruptError);
      await driver.set(`${prefix}${K.bucketPartKey(key, 0)}`, '{"cut off');
      await expect(store.readFeedWindow(query(['cs.LG'], 1, { withText: true }))).rejects.toBeInstanceOf(StoreCorruptError);
    });

    it('a later miss over the same days neither reads nor decodes their rows and parts again; they are frozen, shared', async () => {
      const { counting, store } = setup();
      for (const [i, day] of [...DAYS].reverse().entries())
        await store.commitDay(day, { 'cs.LG': makeBucket(day, 'cs.LG', 30, i * 100), 'cs.CL': makeBucket(day, 'cs.CL', 10, i * 100 + 50) });
      counting.resetCounts();
      const listed = await store.readFeedWindow(query(['cs.LG'], 2, { summaryScope: SCOPE }));
      const shown = await store.readShown(listed, listed.entries.slice(0, 5));
      const ranked = await store.readFeedWindow(query(['cs.LG', 'cs.CL'], 2, { withText: true }));
      const firstBytes = counting.bytesRead;
      counting.resetCounts();
      const listedAgain = await store.readFeedWindow(query(['cs.LG'], 2, { summaryScope: SCOPE }));
      const shownAgain = await store.readShown(listedAgain, listedAgain.entries.slice(0, 5));
      const rankedAgain = await store.readFeedWindow(query(['cs.LG', 'cs.CL'], 2, { withText: true }));
      // Only version keys and (absent) summaries: no rows, no parts.
      expect(counting.bytesRead).toBeLessThan(Math.min(256, firstBytes / 20));
      expect(listedAgain.entries).toEqual(listed.entries);
      expect(shownAgain.papers).toEqual(shown.papers);
      expect(shownAgain.papers[0]!.abstract).not.toBe('');
      expect(rankedAgain.entries).toEqual(ranked.entries);
      expect(rankedAgain.entries[0]).toBe(ranked.entries[0]);
      const kept = rankedAgain.entries[0]!;
      expect(Object.isFrozen(kept) && Object.isFrozen(kept.authors) && Object.isFrozen(kept.categories)).toBe(true);
      expect(() => {
        (kept as { title: string }).title = 'changed for every feed';
      }).toThrow(TypeError);
      // Another day is read (and kept) as usual.
      counting.resetCounts();
      expect((await store.readFeedWindow(query(['cs.LG'], 3))).entries).toHaveLength(90);
      expect(counting.bytesRead).toBeGreaterThan(100);
    });

    it('requested categories: one command for many, none again the same day', async () => {
      const { counting, store } = setup();
      const t = new Date('2025-11-21T10:00:00Z');
      await store.requestCategories(['math.CO', 'q-bio.NC', 'math.CO'], t);
      await store.requestCategories(['q-bio.NC', 'math.CO'], new Date(t.getTime() + 3_600_000));
      expect(counting.calls).toEqual(['hsetMany']);
      await store.requestCategories(['q-bio.NC'], new Date(t.getTime() + 86_400_000));
      expect(counting.calls).toEqual(['hsetMany', 'hsetMany']);
      expect((await store.requestedCategories()).sort()).toEqual(['math.CO', 'q-bio.NC']);
    });

    it('mget splits a large read into replies under the limit and keeps key order', async () => {
      const driver = driverOf();
      const p = freshPrefix();
      const big = (i: number) => String(i).repeat(300_000);
      await Promise.all([0, 1, 2, 3].map((i) => driver.set(`${p}big${i}`, big(i))));
      const keys = [`${p}big3`, `${p}none`, `${p}big0`, `${p}big2`, `${p}big1`];
      expect(await driver.mget(keys, { valueBytes: 300_000 })).toEqual([big(3), null, big(0), big(2), big(1)]);
      await driver.hsetMany(`${p}h`, { a: '1', b: '2' });
      await driver.hsetMany(`${p}h`, { b: '3' });
      expect(await driver.hgetall(`${p}h`)).toEqual({ a: '1', b: '3' });
    });
  });
}
