/**
 * What the page says about the state of the data, instead of a scary empty list or a quietly old
 * one: nothing stored yet, arXiv unreachable (with the reason), data older than arXiv's schedule
 * allows (the judgement /api/health makes), a weekend or holiday (arXiv does not announce then,
 * so the newest stored day is older than today), and summaries being off.
 * https://info.arxiv.org/help/availability.html
 */
import { isWeekday, newYorkDay } from '../arxiv/announcement-day';
import type { Freshness } from '../health/data-freshness';
import type { Day } from '../model/paper';
import type { RunStatus } from '../store/store';

export type PageNotice = { tone: 'info' | 'warn' | 'error'; text: string };

export type NoticeFacts = {
  now: Date;
  /** Newest announcement day the page shows, or null when nothing is stored for it. */
  newestDay: Day | null;
  /** True when the store holds no announcement at all. */
  storeEmpty: boolean;
  ingest: RunStatus | null;
  /** The store's newest day against arXiv's schedule. */
  freshness: Freshness;
  summariesOff: boolean;
  /** Papers of the selection that carry a stored summary. */
  storedSummaries: number;
  papersShown: number;
};

/** `2025-12-05` → `Friday, 5 December 2025`. */
export function formatDay(day: Day): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

function storeNotices(f: NoticeFacts): PageNotice[] {
  const failed = f.ingest?.state === 'failed';
  const reason = f.ingest?.error ? `: ${f.ingest.error}` : '';
  if (f.storeEmpty) {
    // The job's errors mostly name arXiv already ("arXiv could not be reached: …", "arXiv answered …").
    const what = f.ingest?.error?.startsWith('arXiv') ? f.ingest.error : `arXiv could not be reached${reason}`;
    return failed
      ? [{ tone: 'error', text: `${what}. Nothing is stored yet; the next run will try again.` }]
      : [{ tone: 'info', text: 'Fetching today’s papers — refresh in a minute.' }];
  }
  if (failed) {
    const shown = f.newestDay ? ` — showing the stored announcement of ${formatDay(f.newestDay)}` : '';
    return [{ tone: 'warn', text: `The last fetch from arXiv failed${reason}${shown}.` }];
  }
  return [];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Old data said as such: health calls the same data `degraded` until a newer day is stored. */
function staleNotice({ latestDay, expectedDay, missingMailings }: Freshness): PageNotice {
  const missing = plural(missingMailings ?? 0, 'newer mailing');
  return {
    tone: 'warn',
    text: `Out of date: these papers are from arXiv’s announcement of ${formatDay(latestDay!)}. By arXiv’s schedule ${missing}, up to ${formatDay(expectedDay)}, should be here by now: fetching from arXiv has fallen behind.`,
  };
}

function calendarNotice(f: NoticeFacts): PageNotice[] {
  if (!f.newestDay || f.storeEmpty) return [];
  if (f.freshness.stale) return [staleNotice(f.freshness)];
  const shown = formatDay(f.newestDay);
  if (f.freshness.holiday)
    return [{ tone: 'info', text: `arXiv announced nothing for ${formatDay(f.freshness.expectedDay)} (a holiday) — showing the last announcement of ${shown}.` }];
  const today = newYorkDay(f.now);
  if (f.newestDay >= today) return [];
  if (!isWeekday(today)) return [{ tone: 'info', text: `arXiv doesn’t announce on weekends — showing the last announcement of ${shown}.` }];
  // A weekday before its mailing is due (arXiv's feeds serve it from midnight EST, the fetch follows).
  return [{ tone: 'info', text: `Today’s announcement is not fetched yet — showing the last announcement of ${shown}.` }];
}

function summariesNotice(f: NoticeFacts): PageNotice[] {
  if (!f.summariesOff) return [];
  // Summaries stored while a key was set still show: say what the reader is looking at.
  if (f.storedSummaries)
    return [{ tone: 'info', text: `Showing summaries made earlier for ${f.storedSummaries} of ${plural(f.papersShown, 'paper')}; new summaries are off: set OPENAI_API_KEY on this server to turn them on.` }];
  return [{ tone: 'info', text: 'Summaries are off: this server has no OPENAI_API_KEY configured, so papers show their abstracts only.' }];
}

export function pageNotices(f: NoticeFacts): PageNotice[] {
  // After a failed fetch only staleness is added: the failure already says which day is shown.
  const calendar = calendarNotice(f).filter((n) => f.ingest?.state !== 'failed' || n.tone === 'warn');
  return [...storeNotices(f), ...calendar, ...summariesNotice(f)];
}
