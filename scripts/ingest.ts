/**
 * `npm run ingest [-- --sources cs.LG,math.AG] [--minutes M] [--accept-small]` — the ingest job from
 * a shell, with the same store and env as the server (.env is not read: export the variables or use
 * `node --env-file`). Prints a progress line and one summary line (fetched / new / updated /
 * unchanged / skipped); exits 1 when arXiv's answer was refused (nothing stored; the next run tries
 * again). `--accept-small` stores a day that was refused for having far fewer papers than usual:
 * every run refuses that day again, so only an operator who checked arXiv can let it in.
 */
import { parseArgs } from 'node:util';
import { getEnv } from '../lib/env';
import { formatIngestSummary } from '../lib/jobs/ingest/ingest-result';
import { runIngest } from '../lib/jobs/ingest/run-ingest';
import { getStore, resetStore } from '../lib/store/open-store';

/** A shell has no platform limit; this bounds waiting for another ingest and arXiv's retries. */
const DEFAULT_MINUTES = 5;

const { values } = parseArgs({ options: { sources: { type: 'string' }, minutes: { type: 'string' }, 'accept-small': { type: 'boolean' } } });
const minutes = Number(values.minutes ?? DEFAULT_MINUTES);
if (!(minutes > 0)) {
  console.error('usage: npm run ingest -- [--sources cs.LG,math.AG] [--minutes M] [--accept-small]');
  process.exit(2);
}

const started = Date.now();
const result = await runIngest(
  { store: await getStore(), env: getEnv(), log: (line) => console.log(line) },
  { now: new Date(started), deadline: started + minutes * 60_000, sources: values.sources?.split(','), acceptSmall: values['accept-small'] },
);
await resetStore();
console.log(formatIngestSummary(result));
process.exit(result.state === 'failed' ? 1 : 0);
