/**
 * Embedded store atomicity under SIGKILL (issue 7 "Store and LLM"): a child process commits
 * announcement days in a loop (helpers/commit-loop.ts) and is killed at seeded random moments,
 * 20 times, all children building one history in one DATA_DIR. After every kill the store must
 * read back a consistent state: the manifest parses strictly, every bucket it names exists,
 * parses and holds the count the manifest says, and no paper of a day whose commit had returned
 * (the child printed it) is missing. Temp files left by killed writes must not affect reads.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { ManifestSchema, Store } from '../../lib/store/store';
import * as K from '../../lib/store/keys';
import { syntheticDay } from './helpers/synthetic-papers';
import { tempDir } from '../helpers/temp-env';
import { readDay } from '../helpers/read-day';
import { readStoredBucket } from '../helpers/read-bucket';
import type { Paper } from '../../lib/model/paper';

const KILLS = 20;
const SEED = 0x5eed7;
const PREFIX = 'kill:';
/** The latest kill lands this long after the child reported its first commit. */
const MAX_KILL_DELAY_MS = 120;
const CHILD = path.resolve(import.meta.dirname, 'helpers/commit-loop.ts');

/** mulberry32: a tiny seeded PRNG, so the kill schedule is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one child, kills it `delayMs` after its first reported commit; returns the commits it reported. */
function runAndKill(dataDir: string, delayMs: number): Promise<{ committed: [string, number][]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx`, not the tsx binary: that one forks a second process SIGKILL would orphan.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, PREFIX], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: [string, number][] = [];
    let buffered = '';
    let stderr = '';
    let scheduled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = line.match(/^committed (\S+) (\d+)$/);
        if (m) committed.push([m[1]!, Number(m[2])]);
      }
      if (!scheduled && committed.length) {
        scheduled = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      if (signal !== 'SIGKILL') reject(new Error(`child exited by itself (code ${code}): ${stderr.slice(0, 2000)}`));
      else resolve({ committed, signal });
    });
  });
}

/** Reads the store as a fresh process would and checks every invariant; returns papers per day. */
async function checkConsistent(dataDir: string, confirmed: Map<string, number>) {
  const driver = createEmbeddedDriver(dataDir);
  const raw = await driver.get(PREFIX + K.MANIFEST_KEY);
  expect(raw, 'manifest exists').not.toBeNull();
  const manifest = ManifestSchema.parse(JSON.parse(raw!)); // strict: readManifest() would hide a bad one
  const papersByDay = new Map<string, number>();
  for (const [day, sources] of Object.entries(manifest.days)) {
    const refs = Object.values(sources);
    const buckets = await Promise.all(refs.map((r) => readStoredBucket(driver, PREFIX, r)));
    let total = 0;
    refs.forEach((ref, i) => {
      expect(buckets[i], `bucket ${ref.key} named by the manifest exists`).not.toBeNull();
      const papers = buckets[i]!;
      expect(papers.length, `bucket ${ref.key} holds the count the manifest says`).toBe(ref.count);
      total += papers.length;
    });
    papersByDay.set(day, total);
  }
  // Nothing confirmed is lost: each confirmed day still has (at least) the papers of that commit,
  // unless retention dropped it (older than every one of the MAX_DAYS_KEPT days the manifest keeps).
  const store = new Store(driver, PREFIX);
  const keptDays = Object.keys(manifest.days).sort();
  const retired = (day: string) => keptDays.length === K.MAX_DAYS_KEPT && day < keptDays[0]!;
  expect(keptDays.length).toBeLessThanOrEqual(K.MAX_DAYS_KEPT);
  for (const [day, perSource] of [...confirmed].filter(([d]) => !retired(d))) {
    const stored = await readDay(store, day);
    const expected = syntheticDay(day, perSource);
    for (const [source, papers] of Object.entries(expected)) {
      const ids = new Set((stored[source] ?? []).map((p: Paper) => p.id));
      const missing = papers.filter((p) => !ids.has(p.id));
      expect(missing.length, `${day} ${source}: papers of a confirmed commit missing`).toBe(0);
    }
  }
  // And the feed read sees all of it in one window.
  const window = await store.readWindow({ sources: ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'], days: K.MAX_DAYS_KEPT, maxBytes: Infinity });
  expect(window.entries.length).toBe([...papersByDay.values()].reduce((a, b) => a + b, 0));
  return { manifest, papersByDay };
}

describe('embedded store survives SIGKILL at random moments', () => {
  it(`stays consistent and loses no confirmed paper over ${KILLS} kills`, async () => {
    const dataDir = tempDir('af-kill-');
    const random = prng(SEED);
    const confirmed = new Map<string, number>();
    let commits = 0;
    let lastRevision = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const { committed } = await runAndKill(dataDir, Math.floor(random() * MAX_KILL_DELAY_MS));
      commits += committed.length;
      for (const [day, n] of committed) confirmed.set(day, Math.max(n, confirmed.get(day) ?? 0));
      const { manifest } = await checkConsistent(dataDir, confirmed);
      expect(manifest.revision).toBeGreaterThanOrEqual(lastRevision);
      lastRevision = manifest.revision;
    }
    const leftovers = readdirSync(path.join(dataDir, 'kv')).filter((f) => f.endsWith('.tmp'));
    console.info(`[store-kill] ${KILLS} kills, ${commits} confirmed commits, revision ${lastRevision}, ${confirmed.size} days, ${leftovers.length} orphaned temp files`);
    expect(commits).toBeGreaterThan(KILLS); // the kills did land while the child was busy committing
  }, 180_000);
});
