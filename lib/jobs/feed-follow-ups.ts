/**
 * Work a feed request leaves for after its response: drain a few summaries of the backlog (so
 * summaries arrive between the two daily crons Vercel Hobby allows) and, when the feed reported a
 * category that is not ingested yet, fetch it on demand. Both are bounded and rate limited inside.
 */
import type { Env } from '../env';
import { NOT_INGESTED_HEADER } from '../feed/feed-response';
import { ingestRequestedCategories } from './ingest/ingest-requested';
import type { Store } from '../store/store';
import { drainSummaries } from './summarize/drain-summaries';

export async function runFeedFollowUps(deps: { store: Store; env: Env }, response: Response): Promise<void> {
  const log = (line: string) => console.log(`[feed] ${line}`);
  if (response.headers.has(NOT_INGESTED_HEADER)) await ingestRequestedCategories({ ...deps, log });
  await drainSummaries(deps);
}
