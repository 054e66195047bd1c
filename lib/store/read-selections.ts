/**
 * Anonymous feed selections readers poll: one hash, field = a hash of the selection's canonical
 * profile, value = that profile, the UTC day it was last read and on how many days it was read.
 * A read is recorded at most once per selection and UTC day: this process remembers what it
 * recorded today, and a record already saying today is not written again (one `hget`), so polling
 * costs one small write per selection per day whatever the request rate.
 * Bounded: a new selection drops those unread for READ_SELECTION_TTL_DAYS and, beyond
 * MAX_READ_SELECTIONS, the least recently read; listing skips both too, so concurrent additions
 * that overshoot the bound never reach the summarizer.
 * The record is rebuilt by readers reading again, so a damaged one (the wrong type at its key, an
 * unreadable entry) reads as empty and is replaced rather than failing feeds or the summarizer.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { StoreCorruptError } from '../errors';
import { DaySchema, type Day } from '../model/paper';
import { ProfileSchema, type Profile } from '../model/profile';
import * as K from './keys';
import { parseRecord, reportDamaged } from './parse-stored';
import type { StoreKv } from './store-kv';

const ReadSelectionSchema = z.object({
  profile: ProfileSchema,
  lastRead: DaySchema,
  readDays: z.number().int().min(1),
});
export type ReadSelection = z.infer<typeof ReadSelectionSchema>;

/** Selections this process remembers as recorded today; past it the memory starts over (the store check still holds). */
const MAX_REMEMBERED = 4 * K.MAX_READ_SELECTIONS;
const DAY_MS = 86_400_000;

const utcDay = (d: Date): Day => d.toISOString().slice(0, 10);
const daysBetween = (from: Day, to: Day) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Key order fixed, so the same profile is the same field however it was built. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The field of a parsed profile (defaults filled, terms deduplicated): its canonical JSON, hashed. */
const selectionField = (profile: Profile) => K.readSelectionField(createHash('sha256').update(canonicalJson(profile)).digest('hex').slice(0, 32));

/** Most read first; ties go to the more recently read, then the field, so runs are deterministic. */
const byReads = (a: [string, ReadSelection], b: [string, ReadSelection]) =>
  b[1].readDays - a[1].readDays || b[1].lastRead.localeCompare(a[1].lastRead) || a[0].localeCompare(b[0]);

/** Least recently read first, then the fewest days read: the order selections are dropped in. */
const byStaleness = (a: [string, ReadSelection], b: [string, ReadSelection]) =>
  a[1].lastRead.localeCompare(b[1].lastRead) || a[1].readDays - b[1].readDays || a[0].localeCompare(b[0]);

const isLive = (s: ReadSelection, today: Day) => daysBetween(s.lastRead, today) < K.READ_SELECTION_TTL_DAYS;

function rememberDay(memory: Map<string, Day>, key: string, day: Day): void {
  if (memory.size >= MAX_REMEMBERED) memory.clear();
  memory.set(key, day);
}

export function readSelections(kv: StoreKv) {
  const hash = kv.key(K.READ_SELECTIONS_HASH);
  /** field → the UTC day this process recorded it. */
  const recorded = new Map<string, Day>();
  /** The same, by the selection's JSON as given: a repeated poll skips parsing and hashing it. */
  const recordedAsGiven = new Map<string, Day>();

  /** Every entry; damaged ones as undefined (dropped first). A hash of the wrong type is deleted (logged once). */
  async function readAll(): Promise<[string, ReadSelection | undefined][]> {
    try {
      return Object.entries(await kv.driver.hgetall(hash)).map(([field, raw]) => [field, parseRecord(ReadSelectionSchema, raw) ?? undefined]);
    } catch (err) {
      if (!(err instanceof StoreCorruptError)) throw err;
      reportDamaged(hash, 'read selections start over');
      await kv.driver.del([hash]);
      return [];
    }
  }

  /** Fields to delete so that one more fits: damaged, unread too long, then the least recently read. */
  function evictions(entries: [string, ReadSelection | undefined][], today: Day): string[] {
    const dropped = entries.filter(([, s]) => !s || !isLive(s, today)).map(([field]) => field);
    const live = entries.filter((e): e is [string, ReadSelection] => !!e[1] && isLive(e[1], today)).sort(byStaleness);
    return [...dropped, ...live.slice(0, Math.max(0, live.length - (K.MAX_READ_SELECTIONS - 1))).map(([field]) => field)];
  }

  return {
    /** Records that a feed served `profile` at `now`; returns whether it wrote (at most once per selection and UTC day). */
    async recordSelectionRead(selection: Profile, now = new Date()): Promise<boolean> {
      const today = utcDay(now);
      const given = JSON.stringify(selection);
      if (recordedAsGiven.get(given) === today) return false;
      const profile = ProfileSchema.parse(selection);
      const field = selectionField(profile);
      if (recorded.get(field) === today) return false;
      let stored: ReadSelection | null | undefined;
      try {
        stored = parseRecord(ReadSelectionSchema, await kv.driver.hget(hash, field));
      } catch (err) {
        if (!(err instanceof StoreCorruptError)) throw err;
        stored = null; // readAll below deletes the damaged hash
      }
      const remember = () => {
        rememberDay(recorded, field, today);
        rememberDay(recordedAsGiven, given, today);
      };
      // Another instance (or a clock a little ahead) already recorded today.
      if (stored && stored.lastRead >= today) {
        remember();
        return false;
      }
      const known = !!stored && isLive(stored, today);
      const value = JSON.stringify({ profile, lastRead: today, readDays: known ? stored!.readDays + 1 : 1 } satisfies ReadSelection);
      // Only a new selection can grow the hash: only then is it read whole to keep the bound.
      const evicted = known ? [] : evictions(await readAll(), today).filter((f) => f !== field);
      await Promise.all([kv.driver.hset(hash, field, value), ...evicted.map((f) => kv.driver.hdel(hash, f))]);
      remember();
      return true;
    },

    /** Selections read within READ_SELECTION_TTL_DAYS of `now` (the MAX_READ_SELECTIONS most recent), most read first. */
    async listReadSelections(now = new Date()): Promise<ReadSelection[]> {
      const today = utcDay(now);
      return (await readAll())
        .filter((e): e is [string, ReadSelection] => !!e[1] && isLive(e[1], today))
        .sort(byStaleness)
        .slice(-K.MAX_READ_SELECTIONS)
        .sort(byReads)
        .map(([, s]) => s);
    },
  };
}
