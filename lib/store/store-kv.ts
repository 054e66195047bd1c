/**
 * A driver seen through the deployment prefix (STORE_PREFIX), which every store part writes
 * through, so several deployments can share one database.
 */
import type { KvDriver } from './driver';
import type { VersionMemo } from './version-memo';

export type StoreKv = {
  readonly driver: KvDriver;
  /** The stored name of a relative key from keys.ts. */
  key(name: string): string;
  /** Version keys this process read lately (version-memo.ts); writers of version keys forget theirs. Absent: always read. */
  readonly versions?: VersionMemo;
};

export const scopeKv = (driver: KvDriver, prefix: string, versions?: VersionMemo): StoreKv => ({ driver, key: (name) => prefix + name, versions });
