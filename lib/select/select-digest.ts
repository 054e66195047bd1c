/**
 * The selection behind a digest feed: the newest `days` periods (announcement days, or ISO weeks of
 * them) read in one window, then each period ranked on its own by `selectWindow`, the step every
 * feed ranks with, so `limit` bounds each period's papers and whatever ranks a plain feed (keywords,
 * authors, a learned model) ranks a digest alike.
 *
 * A period sees only its own days' entries, exactly as the preview showed them then: a digest item
 * of a past week does not change when a later day replaces one of its papers (only when one of
 * its papers gains a summary).
 */
import type { Day } from '../model/paper';
import type { Profile } from '../model/profile';
import type { ExtraScore } from '../score/rank-papers';
import { newestPeriods, type DigestPeriod, type PeriodDays } from '../model/digest-period';
import { daysWithSources } from '../store/plan-window';
import type { Manifest, WindowRead } from '../store/store';
import { storedSources } from './category-sources';
import { feedLimit } from './feed-limit';
import { findNotIngested } from './not-ingested';
import { selectWindow, windowRequest, type LeftOut, type SelectPapersOptions, type SelectStore, type SelectedPaper, type Selection } from './select-papers';

export type PeriodSelection = {
  /** `2025-12-18` (daily) or `2025-W51` (weekly). */
  key: string;
  /** The period's announcement days that were read, newest first. */
  days: Day[];
  /** Stored days of this period left unread to stay within the store's read budget. */
  unreadDays: number;
  /** The period's papers, ranked, at most `limit`. */
  items: SelectedPaper[];
  leftOut: LeftOut;
};

/** A Selection whose items are the periods' items one period after the other, newest period first. */
export type DigestSelection = Selection & {
  digest: DigestPeriod;
  periods: PeriodSelection[];
  /** Periods whose days were read but where no paper passed the profile. */
  emptyPeriods: string[];
  /** Stored days of the wanted periods left unread to stay within the store's read budget. */
  unreadDays: number;
};

export type DigestProfile = Profile & { digest: DigestPeriod };

/** Announcement days a week holds at most (arXiv mails Monday to Friday; seven keeps any calendar safe). */
const MAX_DAYS_PER_WEEK = 7;

/**
 * How many of the newest stored days the wanted periods span: exact from a manifest the caller
 * already read (the feed's version check), else an upper bound the window read then narrows.
 */
function daysToRead(profile: DigestProfile, sources: string[], manifest: Manifest | undefined): number {
  if (!manifest) return profile.digest === 'daily' ? profile.days : profile.days * MAX_DAYS_PER_WEEK;
  return newestPeriods(daysWithSources(manifest, sources), profile.digest, profile.days).reduce((n, p) => n + p.days.length, 0);
}

/** Entries by the announcement day they belong to (the ingest stores each paper under its day). */
function entriesByDay(entries: WindowRead['entries']): Map<Day, WindowRead['entries']> {
  const byDay = new Map<Day, WindowRead['entries']>();
  for (const e of entries) {
    const list = byDay.get(e.announced);
    if (list) list.push(e);
    else byDay.set(e.announced, [e]);
  }
  return byDay;
}

function selectPeriod(window: WindowRead, byDay: Map<Day, WindowRead['entries']>, wanted: PeriodDays, profile: Profile, learned: ExtraScore | null | undefined): PeriodSelection {
  const read = new Set(window.days);
  const days = wanted.days.filter((d) => read.has(d));
  const entries = days.flatMap((d) => byDay.get(d) ?? []);
  const { items, leftOut } = selectWindow({ entries, summaries: window.summaries }, profile, learned);
  return { key: wanted.key, days, unreadDays: wanted.days.length - days.length, items, leftOut };
}

/** Newest of the store commit and the shown papers' summaries (the clock for an empty store). */
function lastChange(manifest: Manifest, items: SelectedPaper[], now: Date): string {
  if (manifest.revision === 0) return now.toISOString();
  const times = [manifest.updatedAt, ...items.flatMap((i) => (i.summary ? [i.summary.createdAt] : []))].map((t) => Date.parse(t));
  return new Date(Math.max(...times.filter(Number.isFinite))).toISOString();
}

function sumLeftOut(periods: PeriodSelection[], profile: Profile): LeftOut {
  const { limit, source } = feedLimit(profile);
  const sum = (k: 'belowMinScore' | 'pastLimit') => periods.reduce((n, p) => n + p.leftOut[k], 0);
  return { belowMinScore: sum('belowMinScore'), pastLimit: sum('pastLimit'), limit, limitSource: source };
}

export async function selectDigest(store: SelectStore, profile: DigestProfile, options: SelectPapersOptions): Promise<DigestSelection> {
  const { env } = options;
  const now = options.now ?? new Date();
  const { sources, summaryScope } = windowRequest(profile, env);
  const manifest = await store.readManifest();
  const days = daysToRead(profile, sources, manifest);
  const window = await store.readWindow({ sources, days, summaryScope, manifest });
  const wanted = newestPeriods(daysWithSources(manifest, sources), profile.digest, profile.days);
  const notIngested = await findNotIngested(store, storedSources(manifest), profile, env, options.registerMissing ?? true, now);
  const byDay = entriesByDay(window.entries);
  const selected = wanted.map((p) => selectPeriod(window, byDay, p, profile, options.learned));
  const read = selected.filter((p) => p.days.length > 0);
  const periods = read.filter((p) => p.items.length > 0);
  const items = periods.flatMap((p) => p.items);
  return {
    profile,
    days: read.flatMap((p) => p.days),
    items,
    leftOut: sumLeftOut(read, profile),
    notIngested,
    updated: lastChange(manifest, items, now),
    summariesOff: !env.OPENAI_API_KEY,
    digest: profile.digest,
    periods,
    emptyPeriods: read.filter((p) => p.items.length === 0).map((p) => p.key),
    unreadDays: selected.reduce((n, p) => n + p.unreadDays, 0),
  };
}
