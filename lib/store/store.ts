/**
 * All storage logic, written once over a KvDriver and composed from one module per concern, so
 * each invariant lives in one place:
 * - papers are stored in immutable per-(source, day) buckets, each as rows (the scoring view) and
 *   compressed parts; the manifest names the current bucket of each, and each source's directory
 *   the buckets of its newest days — commit-day.ts, bucket-parts.ts, source-dirs.ts;
 * - a feed miss reads in proportion to what it shows: directories, then rows or the parts it
 *   scores (each paper once), then the records and summaries it renders; a cached feed checks a
 *   few bytes of version keys — read-feed-window.ts, read-shown.ts, feed-versions.ts;
 * - jobs read whole windows from the manifest — read-window.ts;
 * - an ingest writes new buckets first and switches the manifest, then the directories, so a crash
 *   midway leaves the old state readable and never a mix that drops papers — commit-day.ts;
 * - paper versions, summaries, profiles, requested categories, read feed selections, locks and
 *   run status, rate counters, paper embeddings — one module each. Every stored name comes from keys.ts.
 * Callers depend on slices of it (`Pick<Store, 'readWindow'>`), so fakes stay small.
 */
import type { KvDriver } from './driver';
import { dayCommits } from './commit-day';
import { embeddings } from './embeddings';
import { feedVersionReads } from './feed-versions';
import { paperVersions } from './paper-versions';
import { profileModels } from './profile-models';
import { profiles } from './profiles';
import { rateCounters } from './rate-counters';
import { feedWindowReads } from './read-feed-window';
import { readSelections } from './read-selections';
import { windowReads } from './read-window';
import { requestedCategories } from './requested-categories';
import { runState } from './run-state';
import { scopeKv, type StoreKv } from './store-kv';
import { summaries } from './summaries';
import { VersionMemo } from './version-memo';

export { BucketRefSchema, EMPTY_MANIFEST, ManifestSchema, type BucketRef, type Manifest } from './manifest';
export { PaperVersionRecordSchema, type PaperVersionRecord } from './paper-versions';
export { RunStatusSchema, type RunStatus } from './run-state';
export { summaryRef } from './summaries';
export type { WindowOptions, WindowRead } from './read-window';
export type { FeedWindow, FeedWindowQuery } from './read-feed-window';
export { wholeWindowDeps, type FeedVersions, type VersionValues } from './feed-versions';
export type { ShownRead } from './read-shown';
export type { ReadSelection } from './read-selections';
export { paperRef } from './read-feed-window';

const storeParts = (kv: StoreKv) => ({
  ...windowReads(kv),
  ...feedWindowReads(kv),
  ...feedVersionReads(kv),
  ...dayCommits(kv),
  ...paperVersions(kv),
  ...summaries(kv),
  ...profiles(kv),
  ...profileModels(kv),
  ...embeddings(kv),
  ...requestedCategories(kv),
  ...readSelections(kv),
  ...runState(kv),
  ...rateCounters(kv),
});

/** Instances carry the parts' methods as their own properties; the type comes from the same function. */
const StoreParts = class {
  constructor(kv: StoreKv) {
    Object.assign(this, storeParts(kv));
  }
} as new (kv: StoreKv) => ReturnType<typeof storeParts>;

export type StoreOptions = {
  /**
   * How long a version key read by a warm feed request stands for its current value in this
   * process (version-memo.ts); writes through this Store are seen at once. The app's shared store
   * sets it; 0 reads every time. @default 0
   */
  versionMemoMs?: number;
};

export class Store extends StoreParts {
  /** `prefix` (STORE_PREFIX) keeps deployments that share one database apart. */
  constructor(
    readonly driver: KvDriver,
    prefix = '',
    options: StoreOptions = {},
  ) {
    super(scopeKv(driver, prefix, options.versionMemoMs ? new VersionMemo(options.versionMemoMs) : undefined));
  }

  get backend() {
    return this.driver.backend;
  }

  async ping(): Promise<void> {
    await this.driver.ping();
  }
}
