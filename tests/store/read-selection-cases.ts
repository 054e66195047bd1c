/**
 * Part of the storage contract (tests/store/contract.ts), run on every backend: anonymous feed
 * selections are recorded at most once per selection and UTC day, counted per day read, kept to
 * the MAX_READ_SELECTIONS most recently read, forgotten after READ_SELECTION_TTL_DAYS unread, and
 * a damaged record starts over instead of failing a feed.
 */
import { describe, expect, it } from 'vitest';
import { ProfileSchema, type ProfileInput } from '../../lib/model/profile';
import type { KvDriver } from '../../lib/store/driver';
import * as K from '../../lib/store/keys';
import { Store } from '../../lib/store/store';
import { countingDriver } from '../../scripts/support/counting-driver';

const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (days: number, hours = 0) => new Date(T0 + days * DAY_MS + hours * 3_600_000);
const selection = (input: ProfileInput) => ProfileSchema.parse(input);
const numbered = (i: number) => selection({ categories: ['cs.LG'], keywords: [`term${i}`] });

export function readSelectionCases(driverOf: () => KvDriver, freshPrefix: () => string): void {
  describe('read selections', () => {
    it('a selection read twice the same day is written once, also by another process; each further day counts', async () => {
      const prefix = freshPrefix();
      const driver = countingDriver(driverOf());
      const store = new Store(driver, prefix);
      const math = selection({ categories: ['math.AG'] });
      expect(await store.recordSelectionRead(math, at(0))).toBe(true);
      expect(await store.recordSelectionRead(math, at(0, 8))).toBe(false);
      // Another instance, the same UTC day: one read, no write.
      const other = countingDriver(driverOf());
      expect(await new Store(other, prefix).recordSelectionRead(math, at(0, 10))).toBe(false);
      expect(other.calls).toEqual(['hget']);
      expect(await store.recordSelectionRead(math, at(1))).toBe(true);
      expect(driver.calls.filter((c) => c.startsWith('hset') || c === 'set')).toHaveLength(2);
      expect(await store.listReadSelections(at(1))).toEqual([{ profile: math, lastRead: '2026-03-03', readDays: 2 }]);
    });

    it('the same profile however it was built is one selection; most read first', async () => {
      const store = new Store(driverOf(), freshPrefix());
      const once = selection({ categories: ['cs.CL'] });
      await store.recordSelectionRead(once, at(2));
      await store.recordSelectionRead(selection({ categories: ['math.AG'], keywords: ['stacks', 'stacks'] }), at(0));
      // Built in another key order, with the defaults spelled out: the same selection.
      const again: ProfileInput = { days: 1, min_score: 0, types: ['new', 'cross'], authors: [], exclude: [], keywords: ['stacks'], categories: ['math.AG'] };
      await store.recordSelectionRead(selection(again), at(1));
      const listed = await store.listReadSelections(at(2));
      expect(listed.map((s) => [s.profile.categories, s.readDays])).toEqual([
        [['math.AG'], 2],
        [['cs.CL'], 1],
      ]);
    });

    it(`the ${K.MAX_READ_SELECTIONS + 1}st selection drops the least recently read; ${K.READ_SELECTION_TTL_DAYS} days unread drop one too`, async () => {
      const prefix = freshPrefix();
      const driver = driverOf();
      const store = new Store(driver, prefix);
      const stored = async () => Object.keys(await driver.hgetall(prefix + K.READ_SELECTIONS_HASH)).length;
      // Selection 0 is read on three days, but longest ago.
      for (const day of [0, 1, 2]) await store.recordSelectionRead(numbered(0), at(day));
      for (let i = 1; i < K.MAX_READ_SELECTIONS; i++) await store.recordSelectionRead(numbered(i), at(3));
      expect(await stored()).toBe(K.MAX_READ_SELECTIONS);
      expect((await store.listReadSelections(at(3)))[0]?.profile).toEqual(numbered(0));

      await store.recordSelectionRead(numbered(K.MAX_READ_SELECTIONS), at(4));
      expect(await stored()).toBe(K.MAX_READ_SELECTIONS);
      const listed = await store.listReadSelections(at(4));
      expect(listed).toHaveLength(K.MAX_READ_SELECTIONS);
      expect(listed.some((s) => s.profile.keywords[0] === 'term0')).toBe(false);
      expect(listed.some((s) => s.profile.keywords[0] === `term${K.MAX_READ_SELECTIONS}`)).toBe(true);

      // Last read on day 3 and 4: listed until day 3 + TTL, then only the one read on day 4.
      expect(await store.listReadSelections(at(3 + K.READ_SELECTION_TTL_DAYS - 1))).toHaveLength(K.MAX_READ_SELECTIONS);
      expect(await store.listReadSelections(at(3 + K.READ_SELECTION_TTL_DAYS))).toEqual([
        { profile: numbered(K.MAX_READ_SELECTIONS), lastRead: '2026-03-06', readDays: 1 },
      ]);
      expect(await store.listReadSelections(at(4 + K.READ_SELECTION_TTL_DAYS))).toEqual([]);
      // The next new selection clears what expired; an expired one read again starts counting afresh.
      await store.recordSelectionRead(numbered(1), at(4 + K.READ_SELECTION_TTL_DAYS));
      expect(await stored()).toBe(1);
      expect(await store.listReadSelections(at(4 + K.READ_SELECTION_TTL_DAYS))).toEqual([
        { profile: numbered(1), lastRead: '2026-04-05', readDays: 1 },
      ]);
    });

    it('a damaged record starts over: the wrong type at its key, or an unreadable entry', async () => {
      const prefix = freshPrefix();
      const driver = driverOf();
      const store = new Store(driver, prefix);
      await driver.set(prefix + K.READ_SELECTIONS_HASH, 'not a hash');
      expect(await store.listReadSelections(at(0))).toEqual([]);
      await driver.set(prefix + K.READ_SELECTIONS_HASH, 'not a hash');
      expect(await store.recordSelectionRead(numbered(1), at(0))).toBe(true);
      expect(await store.listReadSelections(at(0))).toHaveLength(1);

      await driver.hset(prefix + K.READ_SELECTIONS_HASH, K.readSelectionField('damaged'), '{"cut off');
      expect(await store.listReadSelections(at(0))).toHaveLength(1);
      await store.recordSelectionRead(numbered(2), at(0));
      const fields = Object.keys(await driver.hgetall(prefix + K.READ_SELECTIONS_HASH));
      expect(fields).toHaveLength(2);
      expect(fields).not.toContain(K.readSelectionField('damaged'));
    });
  });
}
