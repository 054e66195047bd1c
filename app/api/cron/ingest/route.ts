/**
 * GET /api/cron/ingest — Vercel Cron, weekdays shortly after arXiv's daily update (see
 * vercel.json); also callable by hand. Fetches today's announcements for every configured,
 * saved-profile and requested category in one arXiv request and stores them (lib/ingest/run-ingest.ts).
 * Requires `Authorization: Bearer $CRON_SECRET` (401 otherwise, also while CRON_SECRET is unset).
 * Answers JSON with the counts: 200 for ok / quiet day / stale / busy, 502 when arXiv's answer was
 * refused (nothing stored, old papers kept, reason in the body and in /api/health).
 */
import { getEnv } from '../../../../lib/env';
import { assertCronAuthorized } from '../../../../lib/http/cron-auth';
import { json, withErrors } from '../../../../lib/http/respond';
import { ingestHttpStatus } from '../../../../lib/ingest/ingest-result';
import { runIngest } from '../../../../lib/ingest/run-ingest';
import { getStore } from '../../../../lib/store/open-store';

export const dynamic = 'force-dynamic';
/** Seconds; the Hobby plan's limit. */
export const maxDuration = 60;
/** Time kept for writing the status and answering after the last arXiv request. */
const DEADLINE_MARGIN_SECONDS = 8;

export const GET = withErrors(async (request: Request) => {
  const started = Date.now();
  const env = getEnv();
  assertCronAuthorized(request.headers.get('authorization'), env.CRON_SECRET);
  const result = await runIngest(
    { store: await getStore(), env, log: (line) => console.log(`[ingest] ${line}`) },
    { now: new Date(started), deadline: started + (maxDuration - DEADLINE_MARGIN_SECONDS) * 1000 },
  );
  return json(result, { status: ingestHttpStatus(result) });
});
