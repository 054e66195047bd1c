/**
 * What the page says about the state of the data, instead of a scary empty list:
 * nothing stored yet, arXiv unreachable (with the reason), a weekend or holiday (arXiv does not
 * announce then, so the newest stored day is older than today), and summaries being off.
 * https://info.arxiv.org/help/availability.html
 */
import { newYorkDay } from '../arxiv/announcement-day';
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
  summariesOff: boolean;
};


const isWeekend = (day: Day) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());

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

function calendarNotice(f: NoticeFacts): PageNotice[] {
  if (!f.newestDay || f.storeEmpty) return [];
  const today = newYorkDay(f.now);
  if (f.newestDay >= today) return [];
  const shown = formatDay(f.newestDay);
  if (isWeekend(today) || f.ingest?.state === 'quiet')
    return [{ tone: 'info', text: `arXiv doesn’t announce on weekends/holidays — showing the last announcement of ${shown}.` }];
  // `stale`: arXiv still serves the day we have (not announced yet today, or a holiday).
  if (f.ingest?.state === 'stale')
    return [{ tone: 'info', text: `No new announcement from arXiv yet today — showing the last announcement of ${shown}.` }];
  return [];
}

export function pageNotices(f: NoticeFacts): PageNotice[] {
  const notices = [...storeNotices(f), ...(f.ingest?.state === 'failed' ? [] : calendarNotice(f))];
  if (f.summariesOff) notices.push({ tone: 'info', text: 'Summaries are off: this server has no OPENAI_API_KEY configured, so papers show their abstracts only.' });
  return notices;
}
