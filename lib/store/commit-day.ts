/**
 * Storing one announcement day: new immutable buckets (rows and parts) first, then the directories
 * and version keys of the sources it changed, then the manifest switch, so a crash midway leaves
 * the old state readable and never a mix that drops papers. Feeds cached from other sources keep
 * their versions: an on-demand fetch of one category invalidates only that category's feeds.
 */
import { PaperSchema, type Day, type Paper } from '../model/paper';
import { encodeBucket, paperOwners } from './bucket-parts';
import * as K from './keys';
import { readManifest, type BucketRef, type Manifest } from './manifest';
import { dirFromManifest, manifestSources, parseSourceDir, withDay, type DirBucket } from './source-dirs';
import type { StoreKv } from './store-kv';

type Written = { refs: Record<string, BucketRef>; dirBuckets: Record<string, DirBucket> };

async function writeBuckets(kv: StoreKv, day: Day, revision: number, bySource: Record<string, Paper[]>): Promise<Written> {
  const owners = paperOwners(bySource);
  const ttl = { ttlSeconds: K.BUCKET_TTL_SECONDS };
  const written: Written = { refs: {}, dirBuckets: {} };
  const writes: Promise<unknown>[] = [];
  for (const [source, papers] of Object.entries(bySource)) {
    const key = K.bucketKey(source, day, revision);
    const bucket = encodeBucket(source, papers.map((p) => PaperSchema.parse(p)), owners);
    writes.push(kv.driver.set(kv.key(K.bucketRowsKey(key)), bucket.rows, ttl));
    bucket.parts.forEach((part, i) => writes.push(kv.driver.set(kv.key(K.bucketPartKey(key, i)), part.value, ttl)));
    written.refs[source] = { key, count: bucket.count, bytes: bucket.bytes, parts: bucket.parts.map((p) => p.ref[1]) };
    written.dirBuckets[source] = { rev: revision, count: bucket.count, bytes: bucket.bytes, rows: bucket.rows.length, parts: bucket.parts.map((p) => p.ref) };
  }
  await Promise.all(writes);
  return written;
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

/** Every stored key of a bucket. */
export const bucketValueKeys = (ref: BucketRef): string[] =>
  ref.parts === undefined ? [ref.key] : [K.bucketRowsKey(ref.key), ...ref.parts.map((_, i) => K.bucketPartKey(ref.key, i))];

/** Readers that planned from the previous directory may still want the old bucket: expire it, don't delete it. */
async function expireSuperseded(kv: StoreKv, refs: BucketRef[]): Promise<void> {
  for (const key of refs.flatMap(bucketValueKeys)) {
    const old = await kv.driver.get(kv.key(key));
    if (old !== null) await kv.driver.set(kv.key(key), old, { ttlSeconds: K.SUPERSEDED_BUCKET_TTL_SECONDS });
  }
}

/**
 * Directories of the changed sources, then their version keys (a reader that sees a new version
 * finds its directory). The first commit on a store written before directories existed builds
 * one for every source from the manifest.
 */
async function updateDirs(kv: StoreKv, next: Manifest, day: Day, written: Written, now: Date): Promise<void> {
  const migrated = (await kv.driver.get(kv.key(K.SOURCE_DIRS_KEY))) !== null;
  const changed = Object.keys(written.dirBuckets);
  const sources = migrated ? changed : [...new Set([...changed, ...manifestSources(next)])];
  const raw = await kv.driver.mget(sources.map((s) => kv.key(K.sourceDirKey(s))));
  const dirs = sources.flatMap((source, i) => {
    const current = (migrated ? parseSourceDir(raw[i] ?? null) : null) ?? dirFromManifest(next, source);
    const bucket = written.dirBuckets[source];
    const dir = bucket ? withDay(current, day, bucket, next.revision, now) : current;
    return dir ? [[source, dir] as const] : [];
  });
  await kv.driver.mset(dirs.map(([s, dir]) => [kv.key(K.sourceDirKey(s)), JSON.stringify(dir)]));
  await kv.driver.mset(dirs.map(([s, dir]) => [kv.key(K.sourceVersionKey(s)), String(dir.rev)]));
  kv.versions?.forget(dirs.map(([s]) => K.sourceVersionKey(s)));
}

export function dayCommits(kv: StoreKv) {
  return {
    /**
     * Stores one announcement day: new immutable buckets first, then the changed sources'
     * directories, then the manifest switch. Callers hold the ingest lock, so the
     * read-modify-writes do not race.
     */
    async commitDay(day: Day, bySource: Record<string, Paper[]>, now = new Date()): Promise<Manifest> {
      const current = await readManifest(kv);
      const written = await writeBuckets(kv, day, current.revision + 1, bySource);
      const superseded = Object.entries(current.days[day] ?? {})
        .filter(([s]) => written.refs[s])
        .map(([, r]) => r);
      const next = nextManifest(current, day, written.refs, now);
      // Directories before the manifest: a crash in between leaves feeds showing the complete new
      // day and the manifest without it, so the next ingest stores that day again; the other way
      // round the ingest would take the day as stored and feeds would never show it.
      await updateDirs(kv, next, day, written, now);
      await kv.driver.set(kv.key(K.MANIFEST_KEY), JSON.stringify(next));
      await kv.driver.set(kv.key(K.SOURCE_DIRS_KEY), now.toISOString());
      await expireSuperseded(kv, superseded);
      return next;
    },
  };
}
