/**
 * `npm run summarize [-- --max-papers N] [--minutes M]` — the summarize job from a shell, with the
 * same store and env as the server (.env is not read: export the variables or use `node --env-file`).
 * Prints what is wanted, a progress line every few papers, the result (one line, plus one per
 * failure kind) and the summary line below; exits 1 when the run failed.
 */
import { parseArgs } from 'node:util';
import { getEnv } from '../lib/env';
import { getStore, resetStore } from '../lib/store/open-store';
import { DRAIN_WAIT_MS } from '../lib/jobs/summarize/drain-summaries';
import { runSummarize } from '../lib/jobs/summarize/run-summarize';

/** A shell has no platform limit; this only keeps a forgotten run from going on for hours. */
const DEFAULT_MINUTES = 30;

const { values } = parseArgs({
  options: { 'max-papers': { type: 'string' }, minutes: { type: 'string' } },
});
const maxPapers = values['max-papers'] === undefined ? undefined : Number(values['max-papers']);
const minutes = Number(values.minutes ?? DEFAULT_MINUTES);
if ((maxPapers !== undefined && !(maxPapers >= 0)) || !(minutes > 0)) {
  console.error('usage: npm run summarize -- [--max-papers N] [--minutes M]');
  process.exit(2);
}

const started = Date.now();
const env = getEnv();
const result = await runSummarize(
  { store: await getStore(), env, log: (line) => console.log(line) },
  { now: new Date(started), deadline: started + minutes * 60_000, maxPapers, trigger: 'cli', waitForDrainMs: DRAIN_WAIT_MS },
);
await resetStore();

// The run logged its result line already; this adds how long the whole command took.
console.log(`summarize ${result.state} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.state === 'failed' ? 1 : 0);
