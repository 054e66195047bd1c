/**
 * Digest periods: a digest feed has one item per announcement day (`daily`) or per ISO 8601 week
 * of announcement days (`weekly`, Monday to Sunday, so one week holds arXiv's Monday-to-Friday
 * mailings). Kept free of zod: the builder's client components list the periods.
 */
import type { Day } from './paper';

export const DIGEST_PERIODS = ['daily', 'weekly'] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

const DAY_MS = 86_400_000;
const noonUtc = (day: Day) => new Date(`${day}T12:00:00Z`);

/** ISO 8601 week of a day: the week belongs to the year its Thursday is in (2024-12-30 is 2025-W01). */
export function isoWeekOf(day: Day): { year: number; week: number } {
  const d = noonUtc(day);
  const mondayBased = (d.getUTCDay() + 6) % 7;
  const thursday = d.getTime() + (3 - mondayBased) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  // 4 January is always in week 1; its Thursday anchors the count.
  const jan4 = Date.UTC(year, 0, 4, 12);
  const jan4Thursday = jan4 + (3 - ((new Date(jan4).getUTCDay() + 6) % 7)) * DAY_MS;
  return { year, week: 1 + Math.round((thursday - jan4Thursday) / (7 * DAY_MS)) };
}

/** The period a day belongs to: the day itself, or its ISO week (`2025-W51`). */
export function periodKey(day: Day, period: DigestPeriod): string {
  if (period === 'daily') return day;
  const { year, week } = isoWeekOf(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export type PeriodDays = { key: string; days: Day[] };

/** Days (newest first) grouped into their periods, newest period first, at most `count` periods. */
export function newestPeriods(days: Day[], period: DigestPeriod, count: number): PeriodDays[] {
  const out: PeriodDays[] = [];
  for (const day of days) {
    const key = periodKey(day, period);
    const last = out.at(-1);
    if (last?.key === key) last.days.push(day);
    else if (out.length < count) out.push({ key, days: [day] });
    else break;
  }
  return out;
}
