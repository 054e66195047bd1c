/**
 * Work a feed request leaves for after its response: record an anonymous selection as read (so
 * the summarize run serves the feeds readers poll, lib/store/read-selections.ts), drain a few
 * summaries of the backlog of the profile just served (so summaries arrive between the two daily
 * crons Vercel Hobby allows) and, when the feed reported a category that is not ingested yet,
 * fetch it on demand. All are bounded and rate limited inside.
 */
import type { Env } from '../env';
import type { Profile } from '../model/profile';
import { NOT_INGESTED_HEADER } from '../feed/feed-response';
import { getDefaultProfile } from '../select/default-profile';
import { ingestRequestedCategories } from './ingest/ingest-requested';
import type { Store } from '../store/store';
import { drainSummaries } from './summarize/drain-summaries';

export type FeedFollowUpDeps = {
  store: Store;
  env: Env;
  /** A saved profile's feed: the drain serves that profile. */
  drainProfile?: Profile;
  /** An anonymous `/api/feed?…` feed's parsed profile: recorded as read, and the drain serves it. */
  selection?: Profile;
  /** @default the time of the call */
  now?: Date;
};

/** With neither `drainProfile` nor `selection`, the drain serves the default profile. */
export async function runFeedFollowUps(deps: FeedFollowUpDeps, response: Response): Promise<void> {
  const log = (line: string) => console.log(`[feed] ${line}`);
  const { drainProfile, selection, now = new Date(), ...rest } = deps;
  if (selection) await recordSelection(rest, selection, now, log);
  if (response.headers.has(NOT_INGESTED_HEADER)) await ingestRequestedCategories({ ...rest, log }, now);
  await drainSummaries(rest, { profile: drainProfile ?? selection, now });
}

/** Only while summaries are on, and never the default profile (summarized anyway). Never throws. */
async function recordSelection(deps: Pick<FeedFollowUpDeps, 'store' | 'env'>, selection: Profile, now: Date, log: (line: string) => void): Promise<void> {
  if (!deps.env.OPENAI_API_KEY) return;
  try {
    if (JSON.stringify(selection) === JSON.stringify(getDefaultProfile(deps.env))) return;
    await deps.store.recordSelectionRead(selection, now);
  } catch (err) {
    log(`recording the feed's selection failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
