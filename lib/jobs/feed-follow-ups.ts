/**
 * Work a feed request leaves for after its response: drain a few summaries of the backlog of the
 * profile just served (so summaries arrive between the two daily crons Vercel Hobby allows) and,
 * when the feed reported a category that is not ingested yet, fetch it on demand. Both are bounded
 * and rate limited inside.
 */
import type { Env } from '../env';
import type { Profile } from '../model/profile';
import { NOT_INGESTED_HEADER } from '../feed/feed-response';
import { ingestRequestedCategories } from './ingest/ingest-requested';
import type { Store } from '../store/store';
import { drainSummaries } from './summarize/drain-summaries';

/** `drainProfile`: a saved profile's feed drains that profile's summaries; unset, the default profile's. */
export async function runFeedFollowUps(deps: { store: Store; env: Env; drainProfile?: Profile }, response: Response): Promise<void> {
  const log = (line: string) => console.log(`[feed] ${line}`);
  const { drainProfile, ...rest } = deps;
  if (response.headers.has(NOT_INGESTED_HEADER)) await ingestRequestedCategories({ ...rest, log });
  await drainSummaries(rest, { profile: drainProfile });
}
