/**
 * A driver seen through the deployment prefix (STORE_PREFIX), which every store part writes
 * through, so several deployments can share one database.
 */
import type { KvDriver } from './driver';

export type StoreKv = {
  readonly driver: KvDriver;
  /** The stored name of a relative key from keys.ts. */
  key(name: string): string;
};

export const scopeKv = (driver: KvDriver, prefix: string): StoreKv => ({ driver, key: (name) => prefix + name });
