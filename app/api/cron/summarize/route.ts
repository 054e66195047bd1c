/**
 * GET /api/cron/summarize — Vercel Cron, weekdays at 07:15 UTC (an hour after ingest, see
 * vercel.json). Summarizes the papers the default and saved profiles (then the anonymous feeds
 * readers poll) want that have no summary yet, within SUMMARY_MAX_PAPERS / SUMMARY_MAX_TOKENS,
 * and stops before maxDuration; the next run (or a lazy drain after a feed request) resumes the
 * backlog.
 * Requires `Authorization: Bearer $CRON_SECRET` (401 otherwise, also while CRON_SECRET is unset).
 * Without OPENAI_API_KEY it records a "disabled" status and returns at once.
 */
import { withCron } from '../../../../lib/http/with-cron';
import { DRAIN_WAIT_MS } from '../../../../lib/jobs/summarize/drain-summaries';
import { runSummarize } from '../../../../lib/jobs/summarize/run-summarize';

export const dynamic = 'force-dynamic';
/** Seconds; the Hobby plan's limit without Fluid compute. vercel.json sets the same. */
export const maxDuration = 60;

export const GET = withCron('summarize', maxDuration, ({ store, env, now, deadline, log }) =>
  // A lazy drain holding the lock finishes within seconds: wait for it rather than do nothing today.
  runSummarize({ store, env, log }, { now, deadline, trigger: 'cron', waitForDrainMs: DRAIN_WAIT_MS }),
);
