/**
 * Embedded store locks across processes: `npm run dev` and `npm run ingest` share one DATA_DIR,
 * and the arXiv throttle lock expires by design every interval, so expired locks are taken over
 * all the time, by several processes at once. Two child processes (helpers/lock-hammer.ts) hammer
 * one lock with a short TTL; no two holders may ever rely on it at the same moment.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-env';
import type { HeldInterval } from './helpers/lock-hammer';

const CHILD = path.resolve(import.meta.dirname, 'helpers/lock-hammer.ts');
const DURATION_MS = 3_000;
const WORKERS_PER_PROCESS = 3;

function runHammer(dataDir: string): Promise<HeldInterval[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(DURATION_MS), String(WORKERS_PER_PROCESS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as HeldInterval[]) : reject(new Error(`lock-hammer exited ${code}: ${err.slice(0, 2000)}`))));
  });
}

/** Pairs of intervals where the later holder started before the earlier one was done. */
function overlaps(intervals: HeldInterval[]): [HeldInterval, HeldInterval][] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const found: [HeldInterval, HeldInterval][] = [];
  let latest: HeldInterval | undefined;
  for (const next of sorted) {
    if (latest && next.start < latest.end) found.push([latest, next]);
    if (!latest || next.end > latest.end) latest = next;
  }
  return found;
}

describe('embedded lock taken over by two processes at once', () => {
  it('never has two holders at the same time (expired locks taken over, released ones re-taken)', async () => {
    const dataDir = tempDir('af-lock-race-');
    const [a, b] = await Promise.all([runHammer(dataDir), runHammer(dataDir)]);
    const all = [...a!, ...b!];
    const doubled = overlaps(all);
    console.info(`[lock-takeover] ${a!.length} + ${b!.length} holds, ${doubled.length} overlapping`);
    // Both processes got the lock many times, so takeovers between them really happened.
    expect(a!.length).toBeGreaterThan(10);
    expect(b!.length).toBeGreaterThan(10);
    expect(doubled.slice(0, 3)).toEqual([]);
  }, 30_000);
});
