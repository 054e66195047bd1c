/**
 * The embedded backend's files: one small JSON file per key. Every write goes to a temporary file
 * that is then renamed over the old one, so a kill at any moment leaves either the old or the new
 * value, never half a file. Write-if-absent uses link(2), which fails atomically when the target
 * exists, so locks hold across processes (dev server + scripts); conditional removals and
 * replacements (lock takeover, release, renewal) go through embedded-claims.ts.
 *
 * A file that does not decode (hand-edited, damaged) reads as a string value holding its raw
 * text, so the record's own rule decides (parse-stored.ts): critical records fail with
 * StoreCorruptError, rebuildable ones read as absent. Hash commands refuse it, as Redis refuses
 * hash commands on a string (WRONGTYPE). At most EMBEDDED_MAX_OPEN_FILES files are open at once.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StoreCorruptError } from '../errors';
import { readRaw, removeIfUnchanged, replaceIfUnchanged } from './embedded-claims';
import { withFileSlot } from './file-slots';

/** One stored key: a string value or a hash, and its expiry (epoch ms). */
export type Entry = { v?: string; h?: Record<string, string>; exp?: number };
type Found = { raw: string; entry: Entry | null };

const fileNameFor = (key: string) => key.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringRecord = (v: unknown): v is Record<string, string> => isRecord(v) && Object.values(v).every((x) => typeof x === 'string');

/** The entry a file holds, or null when it is not one this driver wrote. */
export function decodeEntry(raw: string): Entry | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { v, h, exp } = value;
  const valid = (v === undefined || typeof v === 'string') && (h === undefined || isStringRecord(h)) && (exp === undefined || typeof exp === 'number');
  return valid && (v !== undefined || h !== undefined) ? (value as Entry) : null;
}

export const isLive = (entry: Entry, now = Date.now()) => entry.exp === undefined || entry.exp > now;

const INTEGER = /^-?\d{1,15}$/;

export class EntryFiles {
  constructor(readonly dir: string) {}

  fileOf(key: string) {
    return path.join(this.dir, `${fileNameFor(key)}.json`);
  }

  private async inspect(file: string): Promise<Found | null> {
    const raw = await readRaw(file);
    return raw === null ? null : { raw, entry: decodeEntry(raw) };
  }

  private async writeTemp(key: string, entry: Entry): Promise<string> {
    const tmp = `${this.fileOf(key)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await withFileSlot(() => fs.writeFile(tmp, JSON.stringify(entry)));
    return tmp;
  }

  /** The live entry, or null when missing or expired; a damaged file is a string value of its raw text. */
  async read(key: string, now = Date.now()): Promise<Entry | null> {
    const found = await this.inspect(this.fileOf(key));
    if (!found) return null;
    if (!found.entry) return { v: found.raw };
    return isLive(found.entry, now) ? found.entry : null;
  }

  /** A string value (GET): a hash at the key is the wrong type. */
  async readString(key: string): Promise<string | null> {
    const entry = await this.read(key);
    if (entry?.v === undefined && entry?.h) throw new StoreCorruptError(`stored value ${key} is a hash, not a string`);
    return entry?.v ?? null;
  }

  /** A hash entry (HGET, HSET…): a string or damaged file at the key is the wrong type. */
  async readHash(key: string): Promise<Entry | null> {
    const entry = await this.read(key);
    if (entry && !entry.h) throw new StoreCorruptError(`stored value ${key} is not a hash (${(entry.v ?? '').length} bytes)`);
    return entry;
  }

  /** A counter's value and expiry, or null when it starts over (missing, expired, or not an integer). */
  async readCounter(key: string): Promise<{ n: number; exp?: number } | null> {
    const found = await this.inspect(this.fileOf(key));
    const entry = found?.entry;
    if (!entry || !isLive(entry) || entry.v === undefined || !INTEGER.test(entry.v)) return null;
    return { n: Number(entry.v), exp: entry.exp };
  }

  async write(key: string, entry: Entry): Promise<void> {
    await fs.rename(await this.writeTemp(key, entry), this.fileOf(key));
  }

  /**
   * Writes only when no live entry exists; false when one does. An expired entry is taken over,
   * and so is a damaged one (only locks are written this way, and a lock nobody can read would
   * block its job forever).
   */
  async writeIfAbsent(key: string, entry: Entry): Promise<boolean> {
    const file = this.fileOf(key);
    const tmp = await this.writeTemp(key, entry);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await fs.link(tmp, file);
          return true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const found = await this.inspect(file);
        if (!found) continue; // released meanwhile: try again
        if (found.entry && isLive(found.entry)) return false;
        // Another process taking over the same expired entry wins; so does a new holder.
        if (!(await removeIfUnchanged(file, found.raw))) return false;
      }
      return false;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  /** Removes the key only while it holds the live string `value` (lock release). */
  async removeIfValue(key: string, value: string): Promise<boolean> {
    const file = this.fileOf(key);
    const found = await this.inspect(file);
    if (!found?.entry || found.entry.v !== value || !isLive(found.entry)) return false;
    return removeIfUnchanged(file, found.raw);
  }

  /** Sets a new expiry only while the key holds the live string `value` (lock renewal). */
  async renewIfValue(key: string, value: string, exp: number): Promise<boolean> {
    const file = this.fileOf(key);
    const found = await this.inspect(file);
    if (!found?.entry || found.entry.v !== value || !isLive(found.entry)) return false;
    const tmp = await this.writeTemp(key, { ...found.entry, exp });
    try {
      return await replaceIfUnchanged(file, found.raw, tmp);
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.fileOf(key), { force: true });
  }
}
