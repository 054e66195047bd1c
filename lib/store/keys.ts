/**
 * Every storage key and TTL is spelled here and nowhere else. The deployment prefix
 * (STORE_PREFIX) is applied by the Store, so these names are relative.
 */
import type { Day } from '../model/paper';

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
export const paperIndexKey = (id: string) => `paper:${id}`;
export const summaryKey = (id: string, version: number, scope: string) => `summary:${id}v${version}:${scope}`;
/** All summaries of one announcement day and scope, so a feed reads them in the same round trip as papers. */
export const summaryDayKey = (day: Day, scope: string) => `sumday:${day}:${scope}`;
export const lockKey = (name: string) => `lock:${name}`;
export const statusKey = (kind: string) => `status:${kind}`;
export const statusHistoryKey = (kind: string) => `status-history:${kind}`;
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
