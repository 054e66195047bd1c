/**
 * The shape every cron route shares (STYLE.md, dub's `withCron`): authenticate with CRON_SECRET
 * before touching anything, open the store, give the job a deadline DEADLINE_MARGIN_SECONDS before
 * the platform's maxDuration, and answer the job's result as JSON (502 when upstream failed).
 */
import { getEnv, type Env } from '../env';
import { getStore } from '../store/open-store';
import type { Store } from '../store/store';
import { assertCronAuthorized } from './cron-auth';
import { json, withErrors } from './respond';

/** Time kept for writing the run status and answering after the job's last outbound call. */
export const DEADLINE_MARGIN_SECONDS = 8;

export type CronContext = { store: Store; env: Env; now: Date; deadline: number; log: (line: string) => void };

export function withCron<R extends { state: string }>(name: string, maxDurationSeconds: number, job: (ctx: CronContext) => Promise<R>) {
  return withErrors(async (request: Request) => {
    const started = Date.now();
    const env = getEnv();
    assertCronAuthorized(request.headers.get('authorization'), env.CRON_SECRET);
    const result = await job({
      store: await getStore(),
      env,
      now: new Date(started),
      deadline: started + (maxDurationSeconds - DEADLINE_MARGIN_SECONDS) * 1000,
      log: (line) => console.log(`[${name}] ${line}`),
    });
    return json(result, { status: result.state === 'failed' ? 502 : 200 });
  });
}
