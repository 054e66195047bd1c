/**
 * Run in a child process by bench-ingest.ts: one ingest run through the app's own entry (getEnv,
 * getStore, runIngest — what `npm run ingest` does), then prints one JSON line with the process's
 * RSS before the run and its peak during it (VmHWM, reset just before the run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { getEnv } from '../../lib/env';
import { runIngest } from '../../lib/jobs/ingest/run-ingest';
import { getStore, resetStore } from '../../lib/store/open-store';

const field = (name: string) => Number(readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;

const store = await getStore();
const env = getEnv();
await store.ping();
const baselineBytes = field('VmRSS');
let reset = true;
try {
  writeFileSync('/proc/self/clear_refs', '5');
} catch {
  reset = false;
}
const start = performance.now();
const result = await runIngest({ store, env }, { now: new Date(process.env.BENCH_NOW!), deadline: Date.now() + 120_000, backfill: false });
const ms = performance.now() - start;
const peakBytes = field('VmHWM');
await resetStore();
console.log(JSON.stringify({ state: result.state, fetched: result.counts.fetched, ms, baselineBytes, peakBytes, reset }));
