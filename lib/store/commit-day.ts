/**
 * Storing one announcement day: new immutable buckets first, the manifest switch last, so a crash
 * midway leaves the old state readable and never a mix that drops papers.
 */
import { PaperSchema, type Day, type Paper } from '../model/paper';
import * as K from './keys';
import { readManifest, type BucketRef, type Manifest } from './manifest';
import type { StoreKv } from './store-kv';

async function writeBuckets(kv: StoreKv, day: Day, revision: number, bySource: Record<string, Paper[]>): Promise<Record<string, BucketRef>> {
  const refs: Record<string, BucketRef> = {};
  for (const [source, papers] of Object.entries(bySource)) {
    const key = K.bucketKey(source, day, revision);
    const json = JSON.stringify(papers.map((p) => PaperSchema.parse(p)));
    await kv.driver.set(kv.key(key), json, { ttlSeconds: K.BUCKET_TTL_SECONDS });
    // String length ≈ bytes for arXiv's mostly-ASCII JSON, and ≈ the memory the read will take.
    refs[source] = { key, count: papers.length, bytes: json.length };
  }
  return refs;
}

/** The next manifest: this day's new buckets over the old ones, only the newest MAX_DAYS_KEPT days. */
function nextManifest(current: Manifest, day: Day, refs: Record<string, BucketRef>, now: Date): Manifest {
  const days = { ...current.days, [day]: { ...(current.days[day] ?? {}), ...refs } };
  const kept = Object.keys(days).sort().reverse().slice(0, K.MAX_DAYS_KEPT);
  return {
    revision: current.revision + 1,
    updatedAt: now.toISOString(),
    days: Object.fromEntries(kept.map((d) => [d, days[d]!])),
  };
}

/** Readers that fetched the previous manifest may still want the old bucket: expire it, don't delete it. */
async function expireSuperseded(kv: StoreKv, keys: string[]): Promise<void> {
  for (const key of keys) {
    const old = await kv.driver.get(kv.key(key));
    if (old !== null) await kv.driver.set(kv.key(key), old, { ttlSeconds: K.SUPERSEDED_BUCKET_TTL_SECONDS });
  }
}

export function dayCommits(kv: StoreKv) {
  return {
    /**
     * Stores one announcement day: new immutable buckets first, then the manifest switch.
     * Callers hold the ingest lock, so the manifest read-modify-write does not race.
     */
    async commitDay(day: Day, bySource: Record<string, Paper[]>, now = new Date()): Promise<Manifest> {
      const current = await readManifest(kv);
      const refs = await writeBuckets(kv, day, current.revision + 1, bySource);
      const superseded = Object.entries(current.days[day] ?? {})
        .filter(([s]) => refs[s])
        .map(([, r]) => r.key);
      const next = nextManifest(current, day, refs, now);
      await kv.driver.set(kv.key(K.MANIFEST_KEY), JSON.stringify(next));
      await expireSuperseded(kv, superseded);
      return next;
    },
  };
}
