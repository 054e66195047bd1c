/**
 * First start (issue 2): when the store holds no announcement day yet, fetch in the background so
 * the preview fills within a minute without anyone running `npm run ingest`. Never awaited by the
 * server start; on failure it logs the plain reason, and the run status (read by the preview and
 * /api/health) says the same.
 */
import { getEnv } from '../env';
import { getStore } from '../store/open-store';
import { formatIngestSummary } from './ingest-result';
import { runIngest } from './run-ingest';

/** Generous: nobody waits for it, but a hung run should not hold the ingest lock for long. */
const AUTO_INGEST_DEADLINE_MS = 3 * 60_000;

const log = (line: string) => console.log(`[arxiv-feeds] ${line}`);

export async function startAutoIngest(): Promise<void> {
  try {
    const env = getEnv();
    if (env.DISABLE_AUTO_INGEST) return;
    const store = await getStore();
    if (Object.keys((await store.readManifest()).days).length) return;
    log('the store is empty: fetching today\'s arXiv announcements in the background…');
    const started = Date.now();
    const result = await runIngest({ store, env, log }, { now: new Date(started), deadline: started + AUTO_INGEST_DEADLINE_MS });
    if (result.state === 'failed') log(`first fetch failed, the preview stays empty until the next run: ${result.error}`);
    log(formatIngestSummary(result));
  } catch (err) {
    log(`first fetch could not run: ${(err as Error).message}`);
  }
}
