/**
 * A feed miss reads in proportion to what the feed shows, in three round trips:
 * 1. the version keys of the sources the request can read, and the directories this process does
 *    not hold yet (read-source-dirs.ts);
 * 2. the planned buckets (plan-feed-window.ts): an unranked feed reads rows (~60 bytes a paper), a
 *    ranked one the compressed parts it scores, each paper once; plus the summary versions of the
 *    days it shows;
 * 3. (readShown) the full records of the papers it renders and their summaries, nothing else.
 * Every multi-get is split so that no reply exceeds MAX_REPLY_BYTES (read-batches.ts).
 */
import type { Day, Paper } from '../model/paper';
import { rowPaper, unpackPapersSized, unpackRowsSized } from './bucket-codec';
import { DecodedParts } from './decoded-parts';
import { candidatesFor } from './day-sources';
import { VERSION_VALUE_BYTES, versionTag, type FeedVersions, type VersionValues } from './feed-versions';
import * as K from './keys';
import { planFeedWindow, type FeedPlan, type PlanQuery, type PlannedBucket } from './plan-feed-window';
import { readSourceDirs, type DirCache, type DirRead } from './read-source-dirs';
import { readShownPapers, type ShownRead } from './read-shown';
import type { StoreKv } from './store-kv';

export type FeedWindowQuery = PlanQuery & {
  summaryScope?: string;
  /** Version values the caller already read (a stale cached feed's check), saving their read. */
  known?: VersionValues;
};

export type PartLocation = { key: string; storedBytes: number };

export type FeedWindow = {
  /** Announcement days read, newest first. */
  days: Day[];
  /** Entries of the read buckets (a paper may appear in several); without text unless `withText`. */
  entries: Paper[];
  withText: boolean;
  /** The sources that could serve the request and are stored (for naming what is not ingested). */
  storedSources: string[];
  /** What the read left out and why, for the reader (ASCII sentences). */
  notices: string[];
  /** ISO time of the newest commit of the sources read (else of the store), or null for an empty store. */
  updatedAt: string | null;
  versions: FeedVersions;
  summaryScope?: string;
  /** Full papers already in hand (buckets written before rows and parts), by `${id}v${version}`. */
  records: Map<string, Paper>;
  /** Where each paper version's full record is stored. */
  locations: Map<string, PartLocation[]>;
};

export const paperRef = (p: Pick<Paper, 'id' | 'version'>) => `${p.id}v${p.version}`;

type BucketRead = { key: string; bytes: number; bucket: PlannedBucket; part: number | 'rows' | 'whole' };

function readsOf(plan: FeedPlan, withText: boolean): BucketRead[] {
  return plan.buckets.flatMap((b): BucketRead[] => {
    const { bucket } = b;
    if (!bucket.parts || bucket.rows === undefined) return [{ key: b.key, bytes: bucket.bytes, bucket: b, part: 'whole' }];
    if (!withText) return [{ key: K.bucketRowsKey(b.key), bytes: bucket.rows, bucket: b, part: 'rows' }];
    return bucket.parts.flatMap(([, , stored], i) => (b.readPart[i] ? [{ key: K.bucketPartKey(b.key, i), bytes: stored, bucket: b, part: i }] : []));
  });
}

/** Rows are stored in part order: the part of row `i` follows from the parts' paper counts. */
function locateRows(read: BucketRead, papers: readonly Paper[], locations: FeedWindow['locations']): void {
  const parts = read.bucket.bucket.parts ?? [];
  let part = 0;
  let end = parts[0]?.[1] ?? 0;
  papers.forEach((p, i) => {
    while (i >= end && part < parts.length - 1) end += parts[++part]![1];
    const at = { key: K.bucketPartKey(read.bucket.key, part), storedBytes: parts[part]?.[2] ?? 0 };
    const ref = paperRef(p);
    locations.set(ref, [...(locations.get(ref) ?? []), at]);
  });
}

/**
 * A bucket the directory names but the store no longer holds (expired early, removed by hand)
 * would read as a day with fewer papers: say which, so the feed is never silently short.
 */
function missingNotice(missing: BucketRead[]): string[] {
  const named = [...new Set(missing.map((f) => `${f.bucket.source} ${f.bucket.day}`))];
  if (!named.length) return [];
  const shown = named.slice(0, 5).join(', ') + (named.length > 5 ? ` and ${named.length - 5} more` : '');
  return [`Some stored papers could not be read (${shown}: expired or removed from the store); this feed may miss them until the next ingest.`];
}

/** The papers of one read value: rows as text-less papers of the bucket's day, parts as stored. */
function decodeRead(f: BucketRead, value: string) {
  if (f.part !== 'rows') return unpackPapersSized(value, f.key);
  const rows = unpackRowsSized(value, f.key);
  return { value: rows.value.map((row) => rowPaper(row, f.bucket.day)), jsonLength: rows.jsonLength };
}

/** `values[i]` holds read `i`'s papers (decoded by this process before) or its stored value (null: missing). */
function decode(reads: BucketRead[], values: (readonly Paper[] | string | null)[], decoded: DecodedParts, window: Pick<FeedWindow, 'entries' | 'records' | 'locations' | 'notices'>): void {
  const missing: BucketRead[] = [];
  reads.forEach((f, i) => {
    const value = values[i];
    if (value == null) {
      missing.push(f);
      return;
    }
    let papers: readonly Paper[] = typeof value === 'string' ? [] : value;
    if (typeof value === 'string') {
      const unpacked = decodeRead(f, value);
      // A whole bucket (written before parts) is not kept: no directory lists it, so no store still writes it.
      papers = f.part === 'whole' ? unpacked.value : decoded.set(f, unpacked.value, unpacked.jsonLength);
    }
    if (f.part === 'rows') locateRows(f, papers, window.locations);
    for (const p of papers) window.entries.push(p);
    if (f.part === 'whole') for (const p of papers) window.records.set(paperRef(p), p);
  });
  window.notices.push(...missingNotice(missing));
}

/** The newest commit of the sources read, else the store's last commit (a feed of categories not stored yet). */
const newestCommit = (read: DirRead) => [...read.dirs.values()].map((d) => d.updatedAt).sort().pop() ?? read.committedAt;

export function feedWindowReads(kv: StoreKv, cache: DirCache = new Map(), decoded = new DecodedParts()) {
  return {
    async readFeedWindow(query: FeedWindowQuery): Promise<FeedWindow> {
      const candidates = candidatesFor(query.requested);
      const read = await readSourceDirs(kv, cache, candidates, query.known);
      const plan = planFeedWindow(read.dirs, query);
      const scope = query.summaryScope;
      const summaryVersions = scope ? plan.days.map((d) => K.summaryVersionKey(scope, d)) : [];
      const reads = readsOf(plan, query.withText);
      const held = reads.map((f) => (f.part === 'whole' ? undefined : decoded.get(f)));
      const toRead = reads.filter((_, i) => !held[i]);
      const keys = [...toRead.map((f) => f.key), ...summaryVersions];
      const began = kv.versions?.begin();
      const raw = keys.length
        ? await kv.driver.mget(
            keys.map((k) => kv.key(k)),
            { valueBytes: [...toRead.map((f) => f.bytes), ...summaryVersions.map(() => VERSION_VALUE_BYTES)] },
          )
        : [];
      const versionValues = raw.slice(toRead.length);
      // Newer than what this process remembers: warm checks compare against the values this feed is built from.
      if (began) kv.versions!.remember(began, summaryVersions, versionValues);
      let next = 0;
      const values = reads.map((_, i) => held[i] ?? raw[next++] ?? null);
      const window: FeedWindow = {
        days: plan.days,
        entries: [],
        withText: query.withText,
        storedSources: [...read.dirs.keys()],
        notices: plan.notice ? [plan.notice] : [],
        updatedAt: newestCommit(read),
        versions: { deps: [], tag: '', cacheable: !read.fromManifest },
        summaryScope: scope,
        records: new Map(),
        locations: new Map(),
      };
      decode(reads, values, decoded, window);
      const deps = [...candidates.map(K.sourceVersionKey), ...summaryVersions];
      const tagged = [...candidates.map((s) => read.versions.get(s)), ...versionValues];
      window.versions = { deps, tag: versionTag(tagged), cacheable: !read.fromManifest };
      return window;
    },

    /** The full records of the papers a feed shows (in that order) and their summaries: one round trip. */
    readShown: (window: FeedWindow, papers: Paper[]): Promise<ShownRead> => readShownPapers(kv, window, papers, decoded),
  };
}
