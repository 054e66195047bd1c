/**
 * The embedded backend's files: one small JSON file per key. Every write goes to a temporary file
 * that is then renamed over the old one, so a kill at any moment leaves either the old or the new
 * value, never half a file. Write-if-absent uses link(2), which fails atomically when the target
 * exists, so locks hold across processes (dev server + scripts).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** One stored key: a string value or a hash, and its expiry (epoch ms). */
export type Entry = { v?: string; h?: Record<string, string>; exp?: number };

const fileNameFor = (key: string) => key.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** Temp files older than this were left by a killed writer (a live write takes milliseconds). */
const STALE_TEMP_MS = 10 * 60 * 1000;

/** A write killed between writeFile and rename leaves its temp file behind; sweep them once per process. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const name of await fs.readdir(dir)) {
    if (!name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
  }
}

export class EntryFiles {
  constructor(readonly dir: string) {}

  private fileOf(key: string) {
    return path.join(this.dir, `${fileNameFor(key)}.json`);
  }

  private tempFile(key: string) {
    return `${this.fileOf(key)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  }

  /** The live entry, or null when missing or expired. */
  async read(key: string, now = Date.now()): Promise<Entry | null> {
    let raw: string;
    try {
      raw = await fs.readFile(this.fileOf(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const entry = JSON.parse(raw) as Entry;
    return entry.exp !== undefined && entry.exp <= now ? null : entry;
  }

  async write(key: string, entry: Entry): Promise<void> {
    const tmp = this.tempFile(key);
    await fs.writeFile(tmp, JSON.stringify(entry));
    await fs.rename(tmp, this.fileOf(key));
  }

  /** Writes only when no live entry exists (an expired one is taken over); false when one does. */
  async writeIfAbsent(key: string, entry: Entry): Promise<boolean> {
    const tmp = this.tempFile(key);
    await fs.writeFile(tmp, JSON.stringify(entry));
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await fs.link(tmp, this.fileOf(key));
          return true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          if (await this.read(key)) return false;
          await this.remove(key); // expired: take it over
        }
      }
      return false;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.fileOf(key), { force: true });
  }
}
