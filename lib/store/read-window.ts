/**
 * The feed read: the manifest, then every bucket and summary of the window in one multi-get
 * (≤ 2 round trips whatever the window), within MAX_WINDOW_BYTES.
 */
import type { Day, Paper } from '../model/paper';
import { StoredSummarySchema, type StoredSummary } from '../model/summary';
import * as K from './keys';
import { parseManifest, readManifest, type Manifest } from './manifest';
import { parseBucket, parseSummaryIndex } from './parse-stored';
import { daysWithSources, planWindow } from './plan-window';
import type { StoreKv } from './store-kv';

export type StoreVersions = { manifest: Manifest; summariesRevision: number };

export type WindowOptions = { sources: string[]; days: number; summaryScope?: string; maxBytes?: number; manifest?: Manifest };

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

/** Day indexes hold summaries by ref; an entry that does not parse is left out. */
function collectSummaries(rawDayIndexes: (string | null)[]): Map<string, StoredSummary> {
  const summaries = new Map<string, StoredSummary>();
  for (const raw of rawDayIndexes) {
    if (!raw) continue;
    for (const [ref, s] of Object.entries(parseSummaryIndex(raw))) {
      const parsed = StoredSummarySchema.safeParse(s);
      if (parsed.success) summaries.set(ref, parsed.data);
    }
  }
  return summaries;
}

export function windowReads(kv: StoreKv) {
  return {
    /** The manifest, or the empty one on a new store; an unreadable manifest throws rather than reading as empty. */
    readManifest: (): Promise<Manifest> => readManifest(kv),

    /**
     * What a feed's content depends on, in one round trip: the manifest (papers) and the summaries
     * revision. A feed cache keyed by both is current; a miss passes the manifest on to readWindow.
     */
    async readVersions(): Promise<StoreVersions> {
      const [manifestRaw, summariesRaw] = await kv.driver.mget([kv.key(K.MANIFEST_KEY), kv.key(K.SUMMARIES_REVISION_KEY)]);
      return { manifest: parseManifest(manifestRaw), summariesRevision: Number(summariesRaw ?? 0) || 0 };
    },

    /** The feed read: manifest (unless given), then buckets and summaries of the newest `days` days in one multi-get. */
    async readWindow(options: WindowOptions): Promise<WindowRead> {
      const manifest = options.manifest ?? (await readManifest(kv));
      const wanted = daysWithSources(manifest, options.sources).slice(0, options.days);
      const plan = planWindow(manifest, options.sources, wanted, options.maxBytes ?? K.MAX_WINDOW_BYTES);
      const scope = options.summaryScope;
      const summaryKeys = scope ? plan.days.map((d) => K.summaryDayKey(d, scope)) : [];
      const allKeys = [...plan.keys, ...summaryKeys];
      const raw = allKeys.length ? await kv.driver.mget(allKeys.map((k) => kv.key(k))) : [];
      const entries = raw.slice(0, plan.keys.length).flatMap((r, i) => (r ? parseBucket(r, plan.keys[i]!) : []));
      const summaries = collectSummaries(raw.slice(plan.keys.length));
      return { manifest, days: plan.days, entries, summaries, truncated: plan.truncated };
    },
  };
}
