/**
 * `/day/<YYYY-MM-DD>`: one announcement day exactly as the preview showed it that day, for the
 * default profile, a saved one (`?profile=<token>`) or the builder's query. The preview itself
 * (`loadPreview`) does the work over a store whose window read is that one day: the same profile
 * resolution, selection, ranking and document, from that day's buckets and summaries only (so a
 * paper shows the version it was announced with then, not a later replacement). Plus the days the
 * store holds for the selection, for the previous/next links and the calendar strip.
 */
import { isWeekday, newYorkDay } from '../arxiv/announcement-day';
import type { Day } from '../model/paper';
import { sourcesFor } from '../select/category-sources';
import { daysWithSources } from '../store/plan-window';
import type { Store } from '../store/store';
import { loadPreview, type LoadPreviewOptions, type PreviewModel } from './load-preview';

/** Why a day has no announcement to show, when it has none. */
export type MissingReason = 'future' | 'weekend' | 'not-stored';

export type DayArchive = {
  day: Day;
  /** Null when the day's announcement is shown; otherwise why there is none. */
  missing: MissingReason | null;
  model: PreviewModel;
  /** Announcement days stored for the selection's categories, newest first. */
  storedDays: Day[];
  /** The nearest stored days before and after `day` (whether or not `day` itself is stored). */
  previous: Day | null;
  next: Day | null;
};

/** A real calendar date written `YYYY-MM-DD`, or null (`2025-02-30`, `2025-1-5` and `today` are not). */
export function parseArchiveDay(text: string): Day | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T12:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : text;
}

/** The store as the preview reads it, except that a feed window is `day` alone, whatever `days` asks. */
export function oneDayStore<S extends Pick<Store, 'readFeedWindow'>>(store: S, day: Day): S {
  const readFeedWindow: Store['readFeedWindow'] = (query) => store.readFeedWindow({ ...query, days: 1, onlyDay: day });
  return Object.assign(Object.create(store) as S, { readFeedWindow });
}

function missingReason(day: Day, shown: boolean, now: Date): MissingReason | null {
  if (shown) return null;
  if (day > newYorkDay(now)) return 'future';
  return isWeekday(day) ? 'not-stored' : 'weekend';
}

export type LoadDayArchiveOptions = LoadPreviewOptions & { day: Day };

export async function loadDayArchive(options: LoadDayArchiveOptions): Promise<DayArchive> {
  const { day, store } = options;
  const manifest = await store.readManifest();
  const model = await loadPreview({ ...options, store: oneDayStore(store, day) });
  const storedDays = daysWithSources(manifest, sourcesFor(model.profile.categories));
  const shown = model.doc.days[0] === day;
  return {
    day,
    missing: missingReason(day, shown, options.now),
    model,
    storedDays,
    previous: storedDays.find((d) => d < day) ?? null,
    next: [...storedDays].reverse().find((d) => d > day) ?? null,
  };
}

/** Parameters only `/` or the feeds read: a day link leaves them out. */
const NOT_FOR_A_DAY = ['page', 'digest', 'format'];

/** `/day/<day>` with the page's own query (the builder's parameters, or `profile=`), so the selection stays. */
export function dayPath(query: URLSearchParams, day: Day): string {
  const q = new URLSearchParams(query);
  for (const name of NOT_FOR_A_DAY) q.delete(name);
  const text = q.toString();
  return `/day/${day}${text ? `?${text}` : ''}`;
}

/** The archive page of the newest day the preview shows, for the same query (`/` links to it). */
export const archiveHref = (model: Pick<PreviewModel, 'doc'>, query: URLSearchParams, now: Date): string =>
  dayPath(query, model.doc.days[0] ?? newYorkDay(now));
