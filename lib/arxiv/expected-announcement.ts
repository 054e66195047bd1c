/**
 * Which announcement a store kept up to date holds at a given instant, from arXiv's schedule:
 * mailings go out Sunday to Thursday at 20:00 ET and are dated the next New York day (Monday to
 * Friday); rss.arxiv.org serves a mailing from midnight Eastern Standard Time of its day, and the
 * daily ingest stores it within the hours after that. Holidays are not known here (arXiv lists
 * them a year at a time): callers decide how many missing mailings a quiet day excuses.
 * https://info.arxiv.org/help/availability.html
 */
import type { Day } from '../model/paper';
import { isWeekday, nextWeekday, previousWeekday } from './announcement-day';

/** rss.arxiv.org rebuilds its feeds at midnight EST all year (`lastBuildDate` 05:00 UTC). */
const RSS_REBUILD_UTC_HOUR = 5;
/**
 * How long after the rebuild a mailing may still be missing: the daily cron fires within the hour
 * after 06:00 UTC (Vercel Hobby picks the minute), a run takes up to a minute, and one retry fits.
 * @default 3
 */
export const INGEST_GRACE_HOURS = 3;

const HOUR_MS = 3600_000;

/** When rss.arxiv.org starts serving the mailing dated `day`: an ingest run from then on has looked for it. */
export function mailingServedAt(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + RSS_REBUILD_UTC_HOUR * HOUR_MS);
}

/** The newest mailing (a weekday, by its New York date) that should be stored at `now`. */
export function expectedLatestAnnouncement(now: Date): Day {
  const day = new Date(now.getTime() - (RSS_REBUILD_UTC_HOUR + INGEST_GRACE_HOURS) * HOUR_MS).toISOString().slice(0, 10);
  return isWeekday(day) ? day : previousWeekday(day);
}

/** How many weekday mailings fall after `stored` up to and including `expected` (0 when `stored` is as new). */
export function missingMailings(stored: Day, expected: Day): number {
  let n = 0;
  for (let d = nextWeekday(stored); d <= expected; d = nextWeekday(d)) n += 1;
  return n;
}
