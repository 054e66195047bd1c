/**
 * Every storage name and TTL is spelled here and nowhere else: keys, lock names, rate-counter
 * names and run-status kinds. The deployment prefix (STORE_PREFIX) is applied by the Store, so
 * these names are relative. Changing a spelled string moves data: stored values under the old
 * name are no longer found.
 */
import type { Day } from '../model/paper';

// ---- keys ------------------------------------------------------------------------------------

export const MANIFEST_KEY = 'manifest';
export const PROFILES_HASH = 'profiles';
/** Counter bumped on every stored summary, so feed caches know the summary indexes changed. */
export const SUMMARIES_REVISION_KEY = 'summaries-revision';
/** The counter restarts after this long without a write; caches compare it together with the manifest revision. */
export const SUMMARIES_REVISION_TTL_SECONDS = 400 * 24 * 3600;
/** Categories users asked for that are not ingested yet (field = category, value = ISO time). */
export const REQUESTED_CATEGORIES_HASH = 'requested-categories';

/** Immutable: a new ingest of the same day and source writes a new revision and switches the manifest. */
export const bucketKey = (source: string, day: Day, revision: number) => `bucket:${source}:${day}:r${revision}`;
/** A paper's newest stored version and first announcement day, by id without version. */
export const paperVersionKey = (id: string) => `paper:${id}`;
export const summaryKey = (id: string, version: number, scope: string) => `summary:${id}v${version}:${scope}`;
/** All summaries of one announcement day and scope, so a feed reads them in the same round trip as papers. */
export const summaryDayKey = (day: Day, scope: string) => `sumday:${day}:${scope}`;
export const lockKey = (name: string) => `lock:${name}`;
export const statusKey = (kind: string) => `status:${kind}`;
export const counterKey = (name: string, window: number) => `count:${name}:${window}`;

/** Buckets outlive their day in the manifest a little, so a reader holding an old manifest still finds them. */
export const BUCKET_TTL_SECONDS = 120 * 24 * 3600;
/** A replaced bucket stays readable this long for requests that read the previous manifest. */
export const SUPERSEDED_BUCKET_TTL_SECONDS = 10 * 60;
/** How many announcement days the manifest keeps (≈ 3 months of weekdays). */
export const MAX_DAYS_KEPT = 60;
/** Summaries expire so old prompt versions and models do not pile up forever. */
export const SUMMARY_TTL_SECONDS = 180 * 24 * 3600;

/**
 * Memory bound of one feed read: bucket JSON read per request at most (~5,000 papers at ~1.7 KB
 * each, the longest window a feed may ask for). Older days beyond it are left out and the read says so.
 */
export const MAX_WINDOW_BYTES = 8 * 1024 * 1024;
/** Size assumed for a bucket entry when a manifest predates recorded bucket sizes. */
export const ESTIMATED_ENTRY_BYTES = 2_000;

// ---- locks (stored under lockKey) ------------------------------------------------------------

/** One ingest at a time. */
export const INGEST_LOCK = 'ingest';
/** An ingest lock never lasts less than this, however close the deadline. */
export const INGEST_LOCK_MIN_TTL_SECONDS = 60;
/** The ingest lock outlives the run's deadline by this much, so a killed run frees it soon after. */
export const INGEST_LOCK_SLACK_SECONDS = 30;
export const ingestLockTtlSeconds = (msToDeadline: number) =>
  Math.max(INGEST_LOCK_MIN_TTL_SECONDS, Math.ceil(msToDeadline / 1000) + INGEST_LOCK_SLACK_SECONDS);

/** One summarize run at a time. */
export const SUMMARIZE_LOCK = 'summarize';
/** Summarize locks (run and per summary) outlive the run's deadline by this much, and last at least this long. */
export const SUMMARIZE_LOCK_SLACK_SECONDS = 30;
export const summarizeLockTtlSeconds = (msToDeadline: number) =>
  Math.max(SUMMARIZE_LOCK_SLACK_SECONDS, Math.ceil(msToDeadline / 1000) + SUMMARIZE_LOCK_SLACK_SECONDS);
/** One LLM call per wanted summary key at a time; held with the run's summarizeLockTtlSeconds. */
export const summaryLockName = (wantedKey: string) => `summary:${wantedKey}`;

/** Held for one arXiv request: one connection at a time across instances. */
export const ARXIV_CONNECTION_LOCK = 'arxiv-connection';
/** Slack on top of the request timeout for the connection lock's TTL (it bounds a crashed holder). */
export const ARXIV_CONNECTION_LOCK_SLACK_MS = 5_000;
export const arxivConnectionLockTtlMs = (requestTimeoutMs: number) => requestTimeoutMs + ARXIV_CONNECTION_LOCK_SLACK_MS;
/** Expires ARXIV_MIN_INTERVAL_MS (its TTL, from env) after the previous arXiv request finished. */
export const ARXIV_THROTTLE_LOCK = 'arxiv-throttle';

// ---- rate counters (stored under counterKey) -------------------------------------------------

/** At most one on-demand fetch of requested categories per window per deployment. */
export const ON_DEMAND_INGEST_COUNTER = 'on-demand-ingest';
export const ON_DEMAND_COOLDOWN_SECONDS = 300;
/** At most one lazy summary drain per window per deployment, whatever the request rate. */
export const SUMMARIZE_DRAIN_COUNTER = 'summarize-drain';
export const DRAIN_COOLDOWN_SECONDS = 120;
/** Saved profiles created per client address per window. */
export const profileCreateCounter = (client: string) => `profile-create:${client}`;
export const PROFILE_CREATE_WINDOW_SECONDS = 60;

// ---- run status kinds (stored under statusKey) -----------------------------------------------

export const INGEST_STATUS_KIND = 'ingest';
export const SUMMARIZE_STATUS_KIND = 'summarize';
