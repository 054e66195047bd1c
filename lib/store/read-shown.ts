/**
 * The last round trip of a feed miss: the full records of the papers the feed renders (an unranked
 * read only had their rows) and their summaries, one key per shown paper version. Records in parts
 * this process decoded before are taken from there (decoded-parts.ts); of the rest, the fewest parts
 * that hold them are read (greedy cover): the newest day's parts usually hold most.
 */
import type { Paper } from '../model/paper';
import { StoredSummarySchema, type StoredSummary } from '../model/summary';
import { unpackPapersSized } from './bucket-codec';
import type { DecodedParts } from './decoded-parts';
import * as K from './keys';
import type { FeedWindow, PartLocation } from './read-feed-window';
import type { StoreKv } from './store-kv';

export type ShownRead = {
  /** The shown papers with their full text, in the order asked. */
  papers: Paper[];
  /** Their summaries in the window's scope, by `${id}v${version}`. */
  summaries: Map<string, StoredSummary>;
};

/** A summary's size when planning batches (full-text summaries run to a few KB). */
const SUMMARY_VALUE_BYTES = 3 * 1024;

const refOf = (p: Pick<Paper, 'id' | 'version'>) => `${p.id}v${p.version}`;

/** Parts that together hold every needed record, most useful first. */
export function coverParts(needed: Set<string>, locations: Map<string, PartLocation[]>): PartLocation[] {
  const holds = new Map<string, { at: PartLocation; refs: Set<string> }>();
  for (const ref of needed)
    for (const at of locations.get(ref) ?? []) {
      if (!holds.has(at.key)) holds.set(at.key, { at, refs: new Set() });
      holds.get(at.key)!.refs.add(ref);
    }
  const open = new Set([...needed].filter((ref) => locations.has(ref)));
  const chosen: PartLocation[] = [];
  while (open.size) {
    let best: { at: PartLocation; refs: Set<string> } | undefined;
    let bestCount = 0;
    for (const candidate of holds.values()) {
      let count = 0;
      for (const ref of candidate.refs) if (open.has(ref)) count++;
      if (count > bestCount) [best, bestCount] = [candidate, count];
    }
    if (!best) break;
    chosen.push(best.at);
    for (const ref of best.refs) open.delete(ref);
    holds.delete(best.at.key);
  }
  return chosen;
}

function parseSummary(raw: string | null): StoredSummary | null {
  if (raw === null) return null;
  try {
    const parsed = StoredSummarySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The stored record's text and metadata under the shown announcement (its type, day and first day). */
const hydrate = (shown: Paper, record: Paper | undefined): Paper =>
  record ? { ...record, announceType: shown.announceType, announced: shown.announced, firstAnnounced: shown.firstAnnounced } : shown;

const stored = (part: PartLocation) => ({ key: part.key, bytes: part.storedBytes });

/** The needed records this process already holds decoded (any part listing them), moved from `needed` into `records`. */
function takeHeld(needed: Set<string>, locations: FeedWindow['locations'], decoded: DecodedParts, records: Map<string, Paper>): void {
  for (const ref of [...needed]) {
    if (!needed.has(ref)) continue;
    for (const at of locations.get(ref) ?? []) {
      const papers = decoded.get(stored(at));
      if (!papers) continue;
      for (const p of papers) if (needed.delete(refOf(p))) records.set(refOf(p), p);
      break;
    }
  }
}

export async function readShownPapers(kv: StoreKv, window: FeedWindow, papers: Paper[], decoded: DecodedParts): Promise<ShownRead> {
  const needed = new Set(window.withText ? [] : papers.map(refOf).filter((ref) => !window.records.has(ref)));
  const records = new Map(window.records);
  // Parts decoded before go first, so the cover only reads what no kept part holds.
  takeHeld(needed, window.locations, decoded, records);
  const parts = coverParts(needed, window.locations);
  const scope = window.summaryScope;
  const summaryKeys = scope ? papers.map((p) => K.summaryKey(p.id, p.version, scope)) : [];
  const keys = [...parts.map((p) => p.key), ...summaryKeys];
  const raw = keys.length
    ? await kv.driver.mget(
        keys.map((k) => kv.key(k)),
        { valueBytes: [...parts.map((p) => p.storedBytes), ...summaryKeys.map(() => SUMMARY_VALUE_BYTES)] },
      )
    : [];
  parts.forEach((part, i) => {
    const value = raw[i];
    if (value == null) return;
    const unpacked = unpackPapersSized(value, part.key);
    for (const p of decoded.set(stored(part), unpacked.value, unpacked.jsonLength)) if (needed.has(refOf(p))) records.set(refOf(p), p);
  });
  const summaries = new Map<string, StoredSummary>();
  papers.forEach((p, i) => {
    const summary = parseSummary(raw[parts.length + i] ?? null);
    if (summary) summaries.set(refOf(p), summary);
  });
  return { papers: window.withText ? papers : papers.map((p) => hydrate(p, records.get(refOf(p)))), summaries };
}
