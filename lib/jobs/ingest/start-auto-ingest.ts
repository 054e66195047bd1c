/**
 * First start: when the store holds no announcement day yet, fetch in the background so
 * the preview fills within a minute without anyone running `npm run ingest`. Never awaited by the
 * server start; on failure it logs the plain reason, and the run status (read by the preview and
 * /api/health) says the same. A local or self-hosted server may have no cron, so while the store
 * stays empty it tries again after AUTO_RETRY_MINUTES (the timer never keeps the process alive).
 * Not on serverless hosts (Vercel, AWS Lambda): an instance is frozen after its response, so a
 * run would stall holding the ingest lock, and every cold start would begin one. There the ingest
 * cron fills the store (or one call of its route right after deploying, as the README says).
 */
import { getEnv, isServerless } from '../../env';
import { getStore } from '../../store/open-store';
import { formatIngestSummary } from './ingest-result';
import { runIngest } from './run-ingest';

/** Generous: nobody waits for it, but a hung run should not hold the ingest lock for long. */
const AUTO_INGEST_DEADLINE_MS = 3 * 60_000;

/** Waits before the next attempt while the store is still empty; the last one repeats. */
export const AUTO_RETRY_MINUTES = [2, 5, 15, 30];

const log = (line: string) => console.log(`[arxiv-feeds] ${line}`);

export type AutoIngestOptions = {
  attempt?: number;
  /** Schedules the next attempt (tests capture it). */
  schedule?: (run: () => void, delayMs: number) => void;
};

const unrefTimer = (run: () => void, delayMs: number) => void setTimeout(run, delayMs).unref();

export async function startAutoIngest(options: AutoIngestOptions = {}): Promise<void> {
  const attempt = options.attempt ?? 0;
  const retryLater = (why: string) => {
    const minutes = AUTO_RETRY_MINUTES[Math.min(attempt, AUTO_RETRY_MINUTES.length - 1)]!;
    log(`${why}; trying again in ${minutes} min (or run \`npm run ingest\`)`);
    (options.schedule ?? unrefTimer)(() => void startAutoIngest({ ...options, attempt: attempt + 1 }), minutes * 60_000);
  };
  try {
    const env = getEnv();
    if (env.DISABLE_AUTO_INGEST || isServerless(env)) return;
    const store = await getStore();
    if (Object.keys((await store.readManifest()).days).length) return;
    log('the store is empty: fetching today\'s arXiv announcements in the background…');
    const started = Date.now();
    const result = await runIngest({ store, env, log }, { now: new Date(started), deadline: started + AUTO_INGEST_DEADLINE_MS });
    log(formatIngestSummary(result));
    if (result.state === 'failed') retryLater(`first fetch failed: ${result.error}`);
  } catch (err) {
    retryLater(`first fetch could not run: ${(err as Error).message}`);
  }
}
