/**
 * On-demand fetch of categories readers asked for that no ingest has stored yet, so a feed for a
 * new category fills within a minute instead of waiting for the next cron. Runs after the
 * response (the route schedules it); at most one on-demand fetch per ON_DEMAND_COOLDOWN_SECONDS per
 * deployment, whatever the request rate, and only for validated taxonomy categories (never a URL a
 * user supplied). Only the MAX_REQUESTED_CATEGORIES most recently requested beyond ARXIV_CATEGORIES
 * are fetched, the same rule a feed's notice states (lib/select/not-ingested.ts); it does not read
 * the saved profiles, so it stays cheap when run after every such feed. Never throws: a failure
 * is in the ingest run status like any other run.
 */
import type { Env } from '../../env';
import { ON_DEMAND_COOLDOWN_SECONDS, ON_DEMAND_INGEST_COUNTER } from '../../store/keys';
import { capRequested, requestedSince } from '../../store/requested-categories';
import type { Store } from '../../store/store';
import type { IngestResult } from './ingest-result';
import { runIngest } from './run-ingest';

/** Time an on-demand fetch may take after the response was sent. */
export const ON_DEMAND_BUDGET_MS = 25_000;

export async function ingestRequestedCategories(
  deps: { store: Store; env: Env; log?: (line: string) => void },
  now = new Date(),
): Promise<IngestResult | null> {
  try {
    if (deps.env.DISABLE_AUTO_INGEST) return null;
    const [requested, manifest] = await Promise.all([deps.store.requestedCategories(requestedSince(now)), deps.store.readManifest()]);
    const stored = new Set(Object.values(manifest.days).flatMap((sources) => Object.keys(sources)));
    const configured = new Set(deps.env.ARXIV_CATEGORIES);
    const missing = capRequested(requested, (c) => configured.has(c)).kept.filter((c) => !stored.has(c));
    if (!missing.length) return null;
    if ((await deps.store.hit(ON_DEMAND_INGEST_COUNTER, ON_DEMAND_COOLDOWN_SECONDS, now.getTime())) !== 1) return null;
    return await runIngest(deps, { now, deadline: Date.now() + ON_DEMAND_BUDGET_MS, sources: missing, backfill: false });
  } catch (err) {
    deps.log?.(`on-demand ingest failed: ${(err as Error).message}`);
    return null;
  }
}
