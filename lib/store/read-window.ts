/**
 * The whole-window read for jobs (the summarizer ranks every profile's window, tests read days
 * back): every paper of the requested sources' buckets on the newest days within MAX_WINDOW_BYTES,
 * planned from the manifest, plus the day indexes of summaries. Feeds read less: read-feed-window.ts.
 */
import type { Day, Paper } from '../model/paper';
import { StoredSummarySchema, type StoredSummary } from '../model/summary';
import { unpackPapers } from './bucket-codec';
import * as K from './keys';
import { readManifest, type BucketRef, type Manifest } from './manifest';
import { parseSummaryIndex } from './parse-stored';
import { daysWithSources, planWindow } from './plan-window';
import type { StoreKv } from './store-kv';

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

/** The stored values holding a bucket's papers, with their expected sizes (parts, or one legacy array). */
function paperValues(ref: BucketRef): { key: string; bytes: number }[] {
  const bytes = ref.bytes ?? ref.count * K.ESTIMATED_ENTRY_BYTES;
  if (!ref.parts) return [{ key: ref.key, bytes }];
  return ref.parts.map((n, i) => ({ key: K.bucketPartKey(ref.key, i), bytes: Math.ceil((bytes * n) / Math.max(1, ref.count) / 2) }));
}

export function windowReads(kv: StoreKv) {
  return {
    /** The manifest, or the empty one on a new store; an unreadable manifest throws rather than reading as empty. */
    readManifest: (): Promise<Manifest> => readManifest(kv),

    /** Manifest (unless given), then every bucket and summary index of the newest `days` days in one multi-get. */
    async readWindow(options: WindowOptions): Promise<WindowRead> {
      const manifest = options.manifest ?? (await readManifest(kv));
      const wanted = daysWithSources(manifest, options.sources).slice(0, options.days);
      const plan = planWindow(manifest, options.sources, wanted, options.maxBytes ?? K.MAX_WINDOW_BYTES);
      const refs = new Map(plan.days.flatMap((d) => Object.values(manifest.days[d] ?? {})).map((r) => [r.key, r]));
      const values = plan.keys.flatMap((key) => paperValues(refs.get(key)!));
      const scope = options.summaryScope;
      const summaryKeys = scope ? plan.days.map((d) => K.summaryDayKey(d, scope)) : [];
      const raw = await kv.driver.mget([...values.map((v) => v.key), ...summaryKeys].map((k) => kv.key(k)), {
        valueBytes: [...values.map((v) => v.bytes), ...summaryKeys.map(() => 64 * 1024)],
      });
      const entries = values.flatMap((v, i) => (raw[i] ? unpackPapers(raw[i]!, v.key) : []));
      const missing = values.filter((_, i) => !raw[i]).map((v) => v.key);
      // Jobs read whole windows: a named bucket that is gone is logged, never a silently quieter day.
      if (missing.length) console.warn(`[store] ${missing.length} stored bucket value(s) missing (expired or removed): ${missing.slice(0, 3).join(', ')}`);
      const summaries = collectSummaries(raw.slice(values.length));
      return { manifest, days: plan.days, entries, summaries, truncated: plan.truncated };
    },
  };
}
