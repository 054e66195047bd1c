/**
 * GET /api/cron/summarize — Vercel Cron, weekdays at 07:15 UTC (an hour after ingest, see
 * vercel.json). Summarizes the papers the default and saved profiles want that have no summary
 * yet, within SUMMARY_MAX_PAPERS / SUMMARY_MAX_TOKENS, and stops DEADLINE_MARGIN_SECONDS before
 * maxDuration; the next run (or a lazy drain after a feed request) resumes the backlog.
 * Requires `Authorization: Bearer $CRON_SECRET` (401 otherwise, also while CRON_SECRET is unset).
 * Without OPENAI_API_KEY it records a "disabled" status and returns at once.
 */
import { getEnv } from '../../../../lib/env';
import { assertCronAuthorized } from '../../../../lib/http/cron-auth';
import { json, withErrors } from '../../../../lib/http/respond';
import { getStore } from '../../../../lib/store/open-store';
import { runSummarize } from '../../../../lib/summarize/run-summarize';

export const dynamic = 'force-dynamic';
/** Seconds; the Hobby plan's limit without Fluid compute. vercel.json sets the same. */
export const maxDuration = 60;
/** Time kept for writing the status and answering after the last call. */
const DEADLINE_MARGIN_SECONDS = 8;

export const GET = withErrors(async (request: Request) => {
  const started = Date.now();
  const env = getEnv();
  assertCronAuthorized(request.headers.get('authorization'), env.CRON_SECRET);
  const result = await runSummarize(
    { store: await getStore(), env, log: (line) => console.log(`[summarize] ${line}`) },
    { now: new Date(started), deadline: started + (maxDuration - DEADLINE_MARGIN_SECONDS) * 1000, trigger: 'cron' },
  );
  return json(result, { status: result.state === 'failed' ? 502 : 200 });
});
