/**
 * GET /api/cron/ingest — Vercel Cron, weekdays shortly after arXiv's daily update (see
 * vercel.json); also callable by hand. Fetches today's announcements for every configured,
 * saved-profile and requested category in one arXiv request and stores them (lib/ingest/run-ingest.ts).
 * Requires `Authorization: Bearer $CRON_SECRET` (401 otherwise, also while CRON_SECRET is unset).
 * Answers JSON with the counts: 200 for ok / quiet day / stale / busy, 502 when arXiv's answer was
 * refused (nothing stored, old papers kept, reason in the body and in /api/health).
 */
import { withCron } from '../../../../lib/http/with-cron';
import { runIngest } from '../../../../lib/jobs/ingest/run-ingest';

export const dynamic = 'force-dynamic';
/** Seconds; the Hobby plan's limit. */
export const maxDuration = 60;

export const GET = withCron('ingest', maxDuration, ({ store, env, now, deadline, log }) => runIngest({ store, env, log }, { now, deadline }));
