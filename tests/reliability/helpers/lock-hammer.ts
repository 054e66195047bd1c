/**
 * Child process for the lock takeover test (tests/reliability/store-lock-takeover.test.ts): several
 * workers take one short-lived lock on an embedded store over and over, hold it briefly, and either
 * release it or let it expire (as the arXiv throttle lock does by design). Each time it held the
 * lock, a worker records the interval in which it may rely on holding it: from the moment
 * acquireLock returned to the earlier of "stopped using it" and "the lock's TTL ran out".
 * Prints the intervals as one JSON line when done.
 *
 * Usage: node --import tsx tests/reliability/helpers/lock-hammer.ts <dataDir> <durationMs> <workers>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createEmbeddedDriver } from '../../../lib/store/embedded-driver';
import { Store } from '../../../lib/store/store';

export const LOCK_NAME = 'hammer';
export const LOCK_TTL_MS = 60;
/** Well inside the TTL, so an honest holder is done before anyone may take the lock over. */
const HOLD_MS = 15;

export type HeldInterval = { pid: number; worker: number; start: number; end: number };

async function worker(store: Store, id: number, until: number, held: HeldInterval[]) {
  for (let i = 0; Date.now() < until; i++) {
    const asked = Date.now();
    const token = await store.acquireLock(LOCK_NAME, LOCK_TTL_MS / 1000);
    if (!token) {
      await sleep(Math.random() * 3);
      continue;
    }
    const start = Date.now();
    await sleep(HOLD_MS);
    const end = Math.min(Date.now(), asked + LOCK_TTL_MS);
    held.push({ pid: process.pid, worker: id, start, end });
    if (i % 2 === 0) await store.releaseLock(LOCK_NAME, token);
  }
}

async function main(dataDir: string, durationMs: number, workers: number) {
  const store = new Store(createEmbeddedDriver(dataDir), 'hammer:');
  const held: HeldInterval[] = [];
  const until = Date.now() + durationMs;
  await Promise.all(Array.from({ length: workers }, (_, id) => worker(store, id, until, held)));
  process.stdout.write(`${JSON.stringify(held)}\n`);
}

const [dataDir, duration, workers] = process.argv.slice(2);
if (!dataDir || !duration || !workers) {
  console.error('usage: lock-hammer.ts <dataDir> <durationMs> <workers>');
  process.exit(2);
}
main(dataDir, Number(duration), Number(workers)).catch((err) => {
  console.error(err);
  process.exit(1);
});
