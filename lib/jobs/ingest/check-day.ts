/**
 * Is arXiv's answer plausible for what the store already holds?
 * - stale: a source already has this announcement day (or a newer one) stored — arXiv has not
 *   published the next mailing yet, or a cache served an old one. Nothing is stored for it.
 * - too few: on a weekday, far fewer papers than usual for sources with a history (under 20 % of
 *   the sum of their median daily counts, when that sum is at least 20) — a broken answer that
 *   looks like a quiet day. Nothing is stored at all.
 */
import { isWeekday } from '../../arxiv/announcement-day';
import type { Day } from '../../model/paper';
import type { Manifest } from '../../store/store';

export const TOO_FEW_RATIO = 0.2;
export const TOO_FEW_MIN_MEDIAN = 20;
/** Stored days per source looked at for the usual count. */
const HISTORY_DAYS = 10;

export type DayCheck = {
  /** Sources to store. */
  fresh: string[];
  /** Sources that already have this day or a newer one. */
  stale: string[];
  /** Set when the day looks broken: papers received vs usually expected for sources with history. */
  tooFew?: { actual: number; usual: number };
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function checkDay(manifest: Manifest, day: Day, bySource: Record<string, { length: number }>): DayCheck {
  const storedDays = Object.keys(manifest.days).sort().reverse();
  const sources = Object.keys(bySource);
  const isStale = (s: string) => storedDays.some((d) => d >= day && manifest.days[d]?.[s]);
  const stale = sources.filter(isStale);
  const fresh = sources.filter((s) => !isStale(s));

  let usual = 0;
  let actual = 0;
  for (const s of fresh) {
    const counts = storedDays.flatMap((d) => (manifest.days[d]?.[s] ? [manifest.days[d][s].count] : [])).slice(0, HISTORY_DAYS);
    if (!counts.length) continue;
    usual += median(counts);
    actual += bySource[s]!.length;
  }
  const tooFew = isWeekday(day) && usual >= TOO_FEW_MIN_MEDIAN && actual < TOO_FEW_RATIO * usual;
  return { fresh, stale, ...(tooFew && { tooFew: { actual, usual } }) };
}
