/**
 * `npm run ingest [-- --sources cs.LG,math.AG] [--minutes M]` — the ingest job from a shell, with the
 * same store and env as the server (.env is not read: export the variables or use `node --env-file`).
 * Prints a progress line and one summary line (fetched / new / updated / unchanged / skipped);
 * exits 1 when arXiv's answer was refused (nothing stored; the next run tries again).
 */
import { parseArgs } from 'node:util';
import { getEnv } from '../lib/env';
import { formatIngestSummary } from '../lib/jobs/ingest/ingest-result';
import { runIngest } from '../lib/jobs/ingest/run-ingest';
import { getStore, resetStore } from '../lib/store/open-store';

/** A shell has no platform limit; this bounds waiting for another ingest and arXiv's retries. */
const DEFAULT_MINUTES = 5;

const { values } = parseArgs({ options: { sources: { type: 'string' }, minutes: { type: 'string' } } });
const minutes = Number(values.minutes ?? DEFAULT_MINUTES);
if (!(minutes > 0)) {
  console.error('usage: npm run ingest -- [--sources cs.LG,math.AG] [--minutes M]');
  process.exit(2);
}

const started = Date.now();
const result = await runIngest(
  { store: await getStore(), env: getEnv(), log: (line) => console.log(line) },
  { now: new Date(started), deadline: started + minutes * 60_000, sources: values.sources?.split(',') },
);
await resetStore();
console.log(formatIngestSummary(result));
process.exit(result.state === 'failed' ? 1 : 0);
