/**
 * What a feed's content depends on, as version keys: one per source it can read (the source's
 * directory revision) and one per (summary scope, day) it shows. A cached feed keeps the keys and
 * the values it was built from; proving it current is one multi-get of a few bytes per key, and
 * only a commit of one of its sources or a summary of one of its days changes them.
 */
import { candidatesFor } from './day-sources';
import * as K from './keys';
import type { StoreKv } from './store-kv';

export type FeedVersions = {
  /** Version keys (relative names) the feed depends on. */
  deps: string[];
  /** Their values when the feed was read, as one string. */
  tag: string;
  /** False when the read could not name its versions (a store written before them): not worth caching. */
  cacheable: boolean;
};

/** Values of version keys, by relative key name (null: not set). */
export type VersionValues = Map<string, string | null>;

/** Versions fit in a few bytes each; planning their multi-get with this keeps it one command. */
export const VERSION_VALUE_BYTES = 24;

/**
 * Version keys of a feed over many days read as a whole (a digest): its sources, and every summary
 * of its scope. Read before the feed's data, so a change while it is built shows as stale.
 */
export const wholeWindowDeps = (requested: string[], scope: string) => [...candidatesFor(requested).map(K.sourceVersionKey), K.summaryScopeVersionKey(scope)];

export const versionTag = (values: (string | null | undefined)[]) => values.map((v) => v ?? '-').join(',');

async function readNow(kv: StoreKv, deps: string[]): Promise<(string | null)[]> {
  const began = kv.versions?.begin();
  const raw = await kv.driver.mget(
    deps.map((k) => kv.key(k)),
    { valueBytes: VERSION_VALUE_BYTES },
  );
  if (began) kv.versions!.remember(began, deps, raw);
  return raw;
}

export function feedVersionReads(kv: StoreKv) {
  return {
    /** The current values of a cached feed's version keys (the warm check: one round trip, a few bytes per key). */
    async readFeedVersions(deps: string[]): Promise<{ tag: string; values: VersionValues }> {
      const raw = kv.versions?.get(deps) ?? (await readNow(kv, deps));
      return { tag: versionTag(raw), values: new Map(deps.map((k, i) => [k, raw[i] ?? null])) };
    },
  };
}
