/**
 * Deletes what the embedded store no longer needs: files of expired keys (a key's TTL only hides
 * it from reads; without this, every paper version, summary and counter ever written would stay
 * on disk) and temp, tomb and claim files left by killed processes. Each sweep looks at a bounded
 * number of files, resuming the folder listing where the previous sweep stopped, and sweeps run
 * in the background at most once per interval, started by store commands.
 */
import { promises as fs, type Dir, type Dirent } from 'node:fs';
import path from 'node:path';
import { readRaw, removeIfUnchanged } from './embedded-claims';
import { decodeEntry, isLive } from './embedded-files';

/** @default 30000 */
export const SWEEP_INTERVAL_MS = 30_000;
/** Files looked at per sweep (a sweep reads each key file: ~1,000 small reads). @default 1000 */
export const SWEEP_BATCH_FILES = 1_000;
/** Temp and tomb files older than this were left by a killed writer (a live write takes milliseconds). */
const STALE_TEMP_MS = 10 * 60 * 1000;
/** Claims are stale after seconds; an hour leaves no doubt that nobody still acts on one. */
const STALE_CLAIM_MS = 60 * 60 * 1000;

export type SweepOptions = { intervalMs?: number; batchFiles?: number };

export class ExpirySweeper {
  private listing: Dir | undefined;
  private lastStart = -Infinity;
  private running = false;

  constructor(
    private readonly dir: string,
    private readonly options: SweepOptions = {},
  ) {}

  /** Starts a sweep in the background, unless one is running or started less than an interval ago. */
  poke(now = Date.now()): void {
    if (this.running || now - this.lastStart < (this.options.intervalMs ?? SWEEP_INTERVAL_MS)) return;
    this.lastStart = now;
    this.running = true;
    this.sweep(now)
      .catch(() => 0)
      .finally(() => (this.running = false));
  }

  /** Looks at the next batch of files; returns how many it deleted. */
  async sweep(now = Date.now()): Promise<number> {
    let removed = 0;
    for (let seen = 0; seen < (this.options.batchFiles ?? SWEEP_BATCH_FILES); seen++) {
      const next = await this.nextFile();
      if (!next) break;
      if (await this.sweepFile(next.name, now)) removed++;
    }
    return removed;
  }

  async close(): Promise<void> {
    const listing = this.listing;
    this.listing = undefined;
    await listing?.close().catch(() => undefined);
  }

  /** The next name of the listing; at its end the listing closes and the next sweep starts over. */
  private async nextFile(): Promise<Dirent | null> {
    this.listing ??= await fs.opendir(this.dir);
    const next = await this.listing.read();
    if (!next) await this.close();
    return next;
  }

  private async sweepFile(name: string, now: number): Promise<boolean> {
    const file = path.join(this.dir, name);
    if (name.endsWith('.json')) {
      const raw = await readRaw(file);
      const entry = raw === null ? null : decodeEntry(raw);
      // Damaged files stay: they are someone's data to repair, or rewritten by the next write.
      return entry !== null && !isLive(entry, now) && removeIfUnchanged(file, raw!);
    }
    const maxAgeMs = name.endsWith('.claim') ? STALE_CLAIM_MS : /\.(tmp|tomb)$/.test(name) ? STALE_TEMP_MS : null;
    if (maxAgeMs === null) return false;
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || now - stat.mtimeMs < maxAgeMs) return false;
    await fs.rm(file, { force: true });
    return true;
  }
}
