/**
 * Every storage name and TTL is spelled here and nowhere else: keys, lock names, rate-counter
 * names and run-status kinds. The deployment prefix (STORE_PREFIX) is applied by the Store, so
 * these names are relative. Changing a spelled string moves data: stored values under the old
 * name are no longer found.
 */
import type { Day } from '../model/paper';
import { MAX_DAYS } from '../model/profile';

// ---- keys ------------------------------------------------------------------------------------

export const MANIFEST_KEY = 'manifest';
export const PROFILES_HASH = 'profiles';
/**
 * A saved profile's learned model (lib/score/learned/learned-model.ts), one key per profile so a
 * feed reads only its own: at most ~1,500 weights and one short sketch per liked or disliked paper
 * (≤ 500 each), ~0.5 MB at the very most, tens of KB for a typical profile. Derived data: trained
 * again from the profile's feedback whenever that changes; deleted with the profile.
 */
export const profileModelKey = (token: string) => `profile-model:${token}`;
/**
 * A saved profile's embedding points (lib/score/learned/embedding-model.ts): the points its feed
 * gives each paper with an embedding, and its feedback papers' vectors. Derived like the model:
 * computed again when the feedback changes and by the summarize job; deleted with the profile.
 */
export const profileEmbeddingKey = (token: string) => `profile-embedding:${token}`;
/** The time of the last commit, set once every source has a directory (sourceDirKey); before that, readers fall back to the manifest. */
export const SOURCE_DIRS_KEY = 'source-dirs';
/** Categories users asked for that are not ingested yet (field = category, value = ISO time). */
export const REQUESTED_CATEGORIES_HASH = 'requested-categories';
/** A requested category is ingested this long after the last feed or page that asked for it. */
export const REQUESTED_CATEGORY_DAYS = 30;
/**
 * Requested categories fetched at most beyond ARXIV_CATEGORIES and the saved profiles' ones, the
 * most recently requested first: any anonymous GET registers up to 20, and one client must not
 * make the deployment fetch the whole taxonomy every day.
 */
export const MAX_REQUESTED_CATEGORIES = 20;
/**
 * Anonymous `/api/feed?…` selections that feed requests read (field = readSelectionField, value =
 * the parsed profile, the UTC day it was last read and on how many days it was), so the summarizer
 * serves the feeds readers poll and not only the saved ones.
 */
export const READ_SELECTIONS_HASH = 'read-selections';
/** One selection's field: `id` is a hash of its canonical profile JSON. */
export const readSelectionField = (id: string) => `selection:${id}`;
/** Selections kept at most (one hash of ≤ ~1 MB); a new one beyond it drops the least recently read. */
export const MAX_READ_SELECTIONS = 200;
/** A selection no feed request read for this many days is dropped and no longer summarized. */
export const READ_SELECTION_TTL_DAYS = 30;

/** Immutable: a new ingest of the same day and source writes a new revision and switches the manifest. */
export const bucketKey = (source: string, day: Day, revision: number) => `bucket:${source}:${day}:r${revision}`;
/** The revision in a bucketKey, or null when `key` is not one. */
export const bucketRevision = (key: string): number | null => {
  const m = /:r(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
};
/** A bucket's rows: the scoring view of its papers (bucket-codec.ts). */
export const bucketRowsKey = (bucket: string) => `${bucket}:rows`;
/** A bucket's papers, in parts (bucket-parts.ts); the first at the bucket's own key, where a bucket written before parts holds all of them. */
export const bucketPartKey = (bucket: string, part: number) => (part === 0 ? bucket : `${bucket}:p${part}`);
/** One source's current buckets of its newest days, the part of the manifest a feed reads. */
export const sourceDirKey = (source: string) => `dir:${source}`;
/** The revision of a source's directory: what a cached feed compares (a few bytes per source). */
export const sourceVersionKey = (source: string) => `ver:${source}`;
/** Changes whenever a summary of an announcement day in a scope is stored: what a cached feed compares for summaries. */
export const summaryVersionKey = (scope: string, day: Day) => `ver:sum:${scope}:${day}`;
/** Changes whenever any summary in a scope is stored: what a cached digest (many days) compares. */
export const summaryScopeVersionKey = (scope: string) => `ver:sum:${scope}`;
/** A paper's newest stored version and first announcement day, by id without version. */
export const paperVersionKey = (id: string) => `paper:${id}`;
export const summaryKey = (id: string, version: number, scope: string) => `summary:${id}v${version}:${scope}`;
/** One paper version's embedding in one scope (provider host and model), made once for every profile. */
export const embeddingKey = (id: string, version: number, scope: string) => `embedding:${id}v${version}:${scope}`;
/** All summaries of one announcement day and scope, so a feed reads them in the same round trip as papers. */
export const summaryDayKey = (day: Day, scope: string) => `sumday:${day}:${scope}`;
export const lockKey = (name: string) => `lock:${name}`;
export const statusKey = (kind: string) => `status:${kind}`;
export const counterKey = (name: string, window: number) => `count:${name}:${window}`;

/**
 * Buckets outlive their day in the manifest a little, so a reader holding an old manifest still
 * finds them: MAX_DAYS_KEPT weekdays ≈ 49 calendar days, plus three weeks of slack.
 */
export const BUCKET_TTL_SECONDS = 70 * 24 * 3600;
/** A replaced bucket stays readable this long for requests that read the previous manifest. */
export const SUPERSEDED_BUCKET_TTL_SECONDS = 10 * 60;
/**
 * How many announcement days the manifest keeps: the longest window a feed can read (MAX_DAYS = 30)
 * plus a week of slack for the day archive, so a default deployment stays well inside Upstash's
 * free 256 MB (README, "Storage").
 */
export const MAX_DAYS_KEPT = 35;
/** How many of a source's newest days its directory lists: the longest window a feed may ask for. */
export const SOURCE_DIR_DAYS = MAX_DAYS;
/**
 * Paper version records are needed while a paper can still be in a window or come back as a
 * replacement of one: the manifest's retention (MAX_DAYS_KEPT weekdays ≈ 49 calendar days) plus
 * 45 days, renewed whenever the paper's record is written. Without a TTL they would pile up by
 * ≈ 175,000 keys a year. @default 94 days
 */
export const PAPER_VERSION_TTL_SECONDS = (Math.ceil((MAX_DAYS_KEPT * 7) / 5) + 45) * 24 * 3600;
/** Summaries expire with the buckets they describe, so old papers, prompt versions and models do not pile up. */
export const SUMMARY_TTL_SECONDS = BUCKET_TTL_SECONDS;

/** Embeddings expire like summaries: a paper older than this has long left every window, and old models do not pile up. */
export const EMBEDDING_TTL_SECONDS = BUCKET_TTL_SECONDS;

/**
 * Memory bound of one full window read (readWindow, for jobs): bucket JSON at most (~5,000 papers
 * at ~1.7 KB each). Older days beyond it are left out and the read says so.
 */
export const MAX_WINDOW_BYTES = 8 * 1024 * 1024;
/**
 * Budget of a ranked feed (keywords, authors or exclude terms): papers whose text it reads and
 * scores at most, ~40 MB parsed and ~17 MB of compressed parts on arXiv's text. Covers 30 days
 * of a busy category or a week of every archive; a wider window is served from its newest days
 * and says so.
 */
export const MAX_RANKED_WINDOW_PAPERS = 25_000;
/** Budget of an unranked feed: rows (~60 bytes each) it reads at most. */
export const MAX_LISTED_WINDOW_ROWS = 150_000;
/** Size assumed for a bucket entry when a manifest predates recorded bucket sizes. */
export const ESTIMATED_ENTRY_BYTES = 2_000;

// ---- locks (stored under lockKey) ------------------------------------------------------------

/** One ingest at a time. */
export const INGEST_LOCK = 'ingest';
/**
 * TTL of a job's run lock (ingest, summarize), renewed every third of it while the job lives
 * (lock-heartbeat.ts): a killed job (kill -9, out of memory, the platform's time limit) frees the
 * lock within this long, and health reports the run as failed once its lock is gone. A TTL as long
 * as the run's deadline kept the next cron waiting for a dead run.
 */
export const RUN_LOCK_TTL_SECONDS = 30;

/** One summarize run at a time. */
export const SUMMARIZE_LOCK = 'summarize';
/** Summarize locks (run and per summary) outlive the run's deadline by this much, and last at least this long. */
export const SUMMARIZE_LOCK_SLACK_SECONDS = 30;
export const summarizeLockTtlSeconds = (msToDeadline: number) =>
  Math.max(SUMMARIZE_LOCK_SLACK_SECONDS, Math.ceil(msToDeadline / 1000) + SUMMARIZE_LOCK_SLACK_SECONDS);
/** Held by a lazy drain while it runs, so a full run finding the run lock taken knows to wait for it. */
export const SUMMARIZE_DRAIN_LOCK = 'summarize-drain-running';
/** One LLM call per wanted summary key at a time; held with the run's summarizeLockTtlSeconds. */
export const summaryLockName = (wantedKey: string) => `summary:${wantedKey}`;

/** Held for one arXiv request: one connection at a time across instances. */
export const ARXIV_CONNECTION_LOCK = 'arxiv-connection';
/** Slack on top of the request timeout for the connection lock's TTL (it bounds a crashed holder). */
export const ARXIV_CONNECTION_LOCK_SLACK_MS = 5_000;
export const arxivConnectionLockTtlMs = (requestTimeoutMs: number) => requestTimeoutMs + ARXIV_CONNECTION_LOCK_SLACK_MS;
/** Expires ARXIV_MIN_INTERVAL_MS (its TTL, from env) after the previous arXiv request finished. */
export const ARXIV_THROTTLE_LOCK = 'arxiv-throttle';

/** One change to a saved profile's feedback (and its model) at a time: two clicks must not undo each other. */
export const profileFeedbackLockName = (token: string) => `profile-feedback:${token}`;
/** Covers reading the training window and training; a crashed holder frees it this soon. */
export const PROFILE_FEEDBACK_LOCK_TTL_SECONDS = 30;

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
