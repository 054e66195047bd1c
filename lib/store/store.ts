/**
 * All storage logic, written once over a KvDriver. One module owns every read and write so the
 * invariants live in one place:
 * - papers are stored in immutable per-(source, day) buckets; the manifest names the current
 *   bucket of each; a feed reads the manifest, then every bucket and summary of its window in one
 *   multi-get (≤ 2 round trips whatever the window);
 * - an ingest writes new buckets first and switches the manifest last, so a crash midway leaves
 *   the old state readable and never a mix that drops papers.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DaySchema, PaperSchema, type Day, type Paper } from '../model/paper';
import { StoredSummarySchema, type StoredSummary } from '../model/summary';
import type { KvDriver } from './driver';
import { StoreCorruptError } from '../errors';
import * as K from './keys';

export const BucketRefSchema = z.object({
  key: z.string(),
  count: z.number().int(),
  /** JSON size of the bucket, so a feed read can stay within MAX_WINDOW_BYTES before reading it. */
  bytes: z.number().int().optional(),
});
export const ManifestSchema = z.object({
  revision: z.number().int(),
  updatedAt: z.string(),
  /** day → source (category or archive as ingested) → current bucket */
  days: z.record(DaySchema, z.record(z.string(), BucketRefSchema)),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export const EMPTY_MANIFEST: Manifest = { revision: 0, updatedAt: new Date(0).toISOString(), days: {} };

export const PaperIndexEntrySchema = z.object({ version: z.number().int(), firstAnnounced: DaySchema });
export type PaperIndexEntry = z.infer<typeof PaperIndexEntrySchema>;

export const RunStatusSchema = z.object({
  kind: z.string(),
  /**
   * ok: stored something; quiet: arXiv announced nothing (weekend/holiday); failed: nothing stored;
   * stale: arXiv still serves an announcement day already stored (nothing stored, not an error);
   * disabled: the job is not configured (summaries without OPENAI_API_KEY), nothing was attempted.
   */
  state: z.enum(['ok', 'quiet', 'failed', 'running', 'stale', 'disabled']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  counts: z.record(z.string(), z.number()).default({}),
  error: z.string().optional(),
  /** First bytes of a bad upstream response, for diagnosis. */
  bodyStart: z.string().optional(),
  /** Per category/source outcome (ingest) or any extra facts a job reports. */
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type RunStatus = z.infer<typeof RunStatusSchema>;

export type StoreVersions = { manifest: Manifest; summariesRevision: number };

export type WindowRead = {
  manifest: Manifest;
  /** Announcement days read, newest first. */
  days: Day[];
  /** Bucket entries of the requested sources on those days (a paper may appear in several). */
  entries: Paper[];
  /** Summaries of the window for the requested scope, by `${id}v${version}`. */
  summaries: Map<string, StoredSummary>;
  /** True when older days (or, on a huge newest day, some sources) were left out to stay within `maxBytes`. */
  truncated: boolean;
};

/** For values whose loss would lose data (manifest, buckets): unreadable → StoreCorruptError. */
function parseStrict<T>(schema: z.ZodType<T>, raw: string, key: string): T {
  try {
    const result = schema.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
  } catch {
    // fall through to the error below
  }
  throw new StoreCorruptError(`stored value ${key} is unreadable (${raw.length} bytes starting ${JSON.stringify(raw.slice(0, 40))})`);
}

/** Bucket arrays are written only by commitDay (validated there); reading skips the per-paper schema for speed. */
function parseBucket(raw: string, key: string): Paper[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) return value as Paper[];
  } catch {
    // fall through to the error below
  }
  throw new StoreCorruptError(`stored bucket ${key} is unreadable (${raw.length} bytes)`);
}

/** The summary day index is a cache of the per-summary keys: an unreadable one reads as empty. */
function parseSummaryIndex(raw: string | null): Record<string, unknown> {
  try {
    const value: unknown = raw === null ? {} : JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const parseJson = <T>(schema: z.ZodType<T>, raw: string | null): T | null => {
  if (raw === null) return null;
  const result = schema.safeParse(JSON.parse(raw));
  return result.success ? result.data : null;
};

export const summaryRef = (id: string, version: number) => `${id}v${version}`;

export class Store {
  constructor(
    readonly driver: KvDriver,
    private readonly prefix = '',
  ) {}

  get backend() {
    return this.driver.backend;
  }

  private k(key: string) {
    return this.prefix + key;
  }

  // ---- manifest and papers -------------------------------------------------------------------

  /** The manifest, or the empty one on a new store; an unreadable manifest throws rather than reading as empty. */
  async readManifest(): Promise<Manifest> {
    const raw = await this.driver.get(this.k(K.MANIFEST_KEY));
    if (raw === null) return EMPTY_MANIFEST;
    return parseStrict(ManifestSchema, raw, K.MANIFEST_KEY);
  }

  /** Announcement days on which any of `sources` has a bucket, newest first. */
  static daysWithSources(manifest: Manifest, sources: string[]): Day[] {
    return Object.keys(manifest.days)
      .filter((day) => sources.some((s) => manifest.days[day]?.[s]))
      .sort()
      .reverse();
  }

  /**
   * The buckets of the newest days that fit in `maxBytes` (sizes come from the manifest, so nothing
   * is read to decide): whole days while they fit; the newest day always, bucket by bucket.
   */
  static planWindow(manifest: Manifest, sources: string[], days: Day[], maxBytes: number) {
    const keys: string[] = [];
    const read: Day[] = [];
    let total = 0;
    for (const day of days) {
      const refs = sources.flatMap((s) => (manifest.days[day]?.[s] ? [manifest.days[day][s]] : []));
      const size = (r: z.infer<typeof BucketRefSchema>) => r.bytes ?? r.count * K.ESTIMATED_ENTRY_BYTES;
      const daySize = refs.reduce((n, r) => n + size(r), 0);
      if (read.length && total + daySize > maxBytes) return { keys, days: read, truncated: true };
      read.push(day);
      for (const ref of refs) {
        if (keys.length && total + size(ref) > maxBytes) return { keys, days: read, truncated: true };
        keys.push(ref.key);
        total += size(ref);
      }
    }
    return { keys, days: read, truncated: false };
  }

  /**
   * What a feed's content depends on, in one round trip: the manifest (papers) and the summaries
   * revision. A feed cache keyed by both is current; a miss passes the manifest on to readWindow.
   */
  async readVersions(): Promise<StoreVersions> {
    const [manifestRaw, summariesRaw] = await this.driver.mget([this.k(K.MANIFEST_KEY), this.k(K.SUMMARIES_REVISION_KEY)]);
    const manifest = manifestRaw == null ? EMPTY_MANIFEST : parseStrict(ManifestSchema, manifestRaw, K.MANIFEST_KEY);
    return { manifest, summariesRevision: Number(summariesRaw ?? 0) || 0 };
  }

  /** The feed read: manifest (unless given), then buckets and summaries of the newest `days` days in one multi-get. */
  async readWindow(options: { sources: string[]; days: number; summaryScope?: string; maxBytes?: number; manifest?: Manifest }): Promise<WindowRead> {
    const manifest = options.manifest ?? (await this.readManifest());
    const wanted = Store.daysWithSources(manifest, options.sources).slice(0, options.days);
    const plan = Store.planWindow(manifest, options.sources, wanted, options.maxBytes ?? K.MAX_WINDOW_BYTES);
    const days = plan.days;
    const bucketKeys = plan.keys;
    const summaryKeys = options.summaryScope ? days.map((d) => K.summaryDayKey(d, options.summaryScope!)) : [];
    const raw = bucketKeys.length + summaryKeys.length ? await this.driver.mget([...bucketKeys, ...summaryKeys].map((k) => this.k(k))) : [];
    const entries = raw.slice(0, bucketKeys.length).flatMap((r, i) => (r ? parseBucket(r, bucketKeys[i]!) : []));
    const summaries = new Map<string, StoredSummary>();
    for (const r of raw.slice(bucketKeys.length)) {
      if (!r) continue;
      for (const [ref, s] of Object.entries(parseSummaryIndex(r))) {
        const parsed = StoredSummarySchema.safeParse(s);
        if (parsed.success) summaries.set(ref, parsed.data);
      }
    }
    return { manifest, days, entries, summaries, truncated: plan.truncated };
  }

  /** Reads whole buckets of one day (ingest bookkeeping, summarizer). */
  async readDay(day: Day, sources?: string[]): Promise<Record<string, Paper[]>> {
    const manifest = await this.readManifest();
    const refs = Object.entries(manifest.days[day] ?? {}).filter(([s]) => !sources || sources.includes(s));
    const raw = refs.length ? await this.driver.mget(refs.map(([, r]) => this.k(r.key))) : [];
    return Object.fromEntries(refs.map(([s, ref], i) => [s, raw[i] ? parseBucket(raw[i]!, ref.key) : []]));
  }

  /**
   * Stores one announcement day: new immutable buckets first, then the manifest switch.
   * Callers hold the ingest lock, so the manifest read-modify-write does not race.
   */
  async commitDay(day: Day, bySource: Record<string, Paper[]>, now = new Date()): Promise<Manifest> {
    const current = await this.readManifest();
    const revision = current.revision + 1;
    const refs: Record<string, z.infer<typeof BucketRefSchema>> = {};
    for (const [source, papers] of Object.entries(bySource)) {
      const key = K.bucketKey(source, day, revision);
      const json = JSON.stringify(papers.map((p) => PaperSchema.parse(p)));
      await this.driver.set(this.k(key), json, { ttlSeconds: K.BUCKET_TTL_SECONDS });
      // String length ≈ bytes for arXiv's mostly-ASCII JSON, and ≈ the memory the read will take.
      refs[source] = { key, count: papers.length, bytes: json.length };
    }
    const superseded = Object.entries(current.days[day] ?? {})
      .filter(([s]) => refs[s])
      .map(([, r]) => r.key);
    const days = { ...current.days, [day]: { ...(current.days[day] ?? {}), ...refs } };
    const kept = Object.keys(days).sort().reverse().slice(0, K.MAX_DAYS_KEPT);
    const next: Manifest = {
      revision,
      updatedAt: now.toISOString(),
      days: Object.fromEntries(kept.map((d) => [d, days[d]!])),
    };
    await this.driver.set(this.k(K.MANIFEST_KEY), JSON.stringify(next));
    // Readers that fetched the previous manifest may still want the old bucket: expire it, don't delete it.
    for (const key of superseded) {
      const old = await this.driver.get(this.k(key));
      if (old !== null) await this.driver.set(this.k(key), old, { ttlSeconds: K.SUPERSEDED_BUCKET_TTL_SECONDS });
    }
    return next;
  }

  async getPaperIndex(ids: string[]): Promise<Map<string, PaperIndexEntry>> {
    const found = new Map<string, PaperIndexEntry>();
    if (!ids.length) return found;
    const raw = await this.driver.mget(ids.map((id) => this.k(K.paperIndexKey(id))));
    ids.forEach((id, i) => {
      const entry = parseJson(PaperIndexEntrySchema, raw[i] ?? null);
      if (entry) found.set(id, entry);
    });
    return found;
  }

  async putPaperIndex(entries: Map<string, PaperIndexEntry>): Promise<void> {
    if (!entries.size) return;
    await this.driver.mset([...entries].map(([id, e]) => [this.k(K.paperIndexKey(id)), JSON.stringify(e)]));
  }

  // ---- summaries -----------------------------------------------------------------------------

  async getSummary(id: string, version: number, scope: string): Promise<StoredSummary | null> {
    return parseJson(StoredSummarySchema, await this.driver.get(this.k(K.summaryKey(id, version, scope))));
  }

  /**
   * Stores a summary under its cache key and adds it to the day index the feeds read.
   * The day index is a read-modify-write: callers hold the summarize run lock.
   */
  async putSummary(summary: StoredSummary, day: Day, scope: string): Promise<void> {
    const json = JSON.stringify(summary);
    await this.driver.set(this.k(K.summaryKey(summary.paperId, summary.version, scope)), json, {
      ttlSeconds: K.SUMMARY_TTL_SECONDS,
    });
    const dayKey = this.k(K.summaryDayKey(day, scope));
    const index = parseSummaryIndex(await this.driver.get(dayKey));
    index[summaryRef(summary.paperId, summary.version)] = summary;
    await this.driver.set(dayKey, JSON.stringify(index), { ttlSeconds: K.BUCKET_TTL_SECONDS });
    await this.driver.incr(this.k(K.SUMMARIES_REVISION_KEY), K.SUMMARIES_REVISION_TTL_SECONDS);
  }

  // ---- profiles ------------------------------------------------------------------------------

  async getProfile(token: string): Promise<string | null> {
    return this.driver.hget(this.k(K.PROFILES_HASH), token);
  }
  async putProfile(token: string, json: string): Promise<void> {
    await this.driver.hset(this.k(K.PROFILES_HASH), token, json);
  }
  async deleteProfile(token: string): Promise<boolean> {
    return this.driver.hdel(this.k(K.PROFILES_HASH), token);
  }
  async listProfiles(): Promise<Record<string, string>> {
    return this.driver.hgetall(this.k(K.PROFILES_HASH));
  }

  async requestCategory(category: string, now = new Date()): Promise<void> {
    await this.driver.hset(this.k(K.REQUESTED_CATEGORIES_HASH), category, now.toISOString());
  }
  /** Categories readers asked for, optionally only those asked for at or after `since`. */
  async requestedCategories(since?: Date): Promise<string[]> {
    const all = await this.driver.hgetall(this.k(K.REQUESTED_CATEGORIES_HASH));
    return Object.keys(all).filter((c) => !since || Date.parse(all[c]!) >= since.getTime());
  }
  async clearRequestedCategory(category: string): Promise<void> {
    await this.driver.hdel(this.k(K.REQUESTED_CATEGORIES_HASH), category);
  }

  // ---- locks, counters, run status -----------------------------------------------------------

  /** Returns a release token, or null while someone else holds the lock. */
  async acquireLock(name: string, ttlSeconds: number): Promise<string | null> {
    const token = randomBytes(12).toString('base64url');
    const ok = await this.driver.set(this.k(K.lockKey(name)), token, { ttlSeconds, onlyIfAbsent: true });
    return ok ? token : null;
  }
  async releaseLock(name: string, token: string): Promise<boolean> {
    return this.driver.delIfEquals(this.k(K.lockKey(name)), token);
  }

  /** Fixed-window counter (rate limits): the count of hits in the current window including this one. */
  async hit(name: string, windowSeconds: number, now = Date.now()): Promise<number> {
    const window = Math.floor(now / 1000 / windowSeconds);
    return this.driver.incr(this.k(K.counterKey(name, window)), windowSeconds + 1);
  }

  async getStatus(kind: string): Promise<RunStatus | null> {
    return parseJson(RunStatusSchema, await this.driver.get(this.k(K.statusKey(kind))));
  }
  async putStatus(status: RunStatus): Promise<void> {
    await this.driver.set(this.k(K.statusKey(status.kind)), JSON.stringify(RunStatusSchema.parse(status)));
  }

  async ping(): Promise<void> {
    await this.driver.ping();
  }
}
