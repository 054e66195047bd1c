/**
 * The words and names of digest items: period labels (`Thu 18 Dec 2025`, `week 51, 15–18 Dec
 * 2025`), item titles, the stable id of a (selection, period) and the day archive link.
 * Dates are spelled from fixed English names, not Intl, so every runtime writes the same bytes.
 */
import { createHash } from 'node:crypto';
import { isoWeekOf, type DigestPeriod } from '../model/digest-period';
import type { Day } from '../model/paper';
import type { Profile } from '../model/profile';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dateParts(day: Day) {
  const d = new Date(`${day}T12:00:00Z`);
  return { weekday: WEEKDAYS[d.getUTCDay()]!, date: d.getUTCDate(), month: MONTHS[d.getUTCMonth()]!, year: d.getUTCFullYear() };
}

/** `2025-12-18` → `Thu 18 Dec 2025`. */
export function shortDay(day: Day): string {
  const p = dateParts(day);
  return `${p.weekday} ${p.date} ${p.month} ${p.year}`;
}

/** `15–18 Dec 2025`, `28 Nov – 3 Dec 2025`, `29 Dec 2025 – 2 Jan 2026`. */
export function dayRange(oldest: Day, newest: Day): string {
  const a = dateParts(oldest);
  const b = dateParts(newest);
  if (a.year !== b.year) return `${a.date} ${a.month} ${a.year} – ${b.date} ${b.month} ${b.year}`;
  if (a.month !== b.month) return `${a.date} ${a.month} – ${b.date} ${b.month} ${b.year}`;
  return `${a.date}–${b.date} ${b.month} ${b.year}`;
}

/** What a period is called in titles and headings; `days` newest first. */
export function periodLabel(period: DigestPeriod, days: Day[]): string {
  const newest = days[0]!;
  if (period === 'daily') return shortDay(newest);
  const oldest = days.at(-1)!;
  const span = oldest === newest ? shortDay(newest) : dayRange(oldest, newest);
  return `week ${isoWeekOf(newest).week}, ${span}`;
}

export const paperCount = (n: number) => `${n} paper${n === 1 ? '' : 's'}`;

/** `cs.LG · Thu 28 Nov 2024 · 12 papers`. */
export const digestItemTitle = (profile: Pick<Profile, 'categories'>, label: string, papers: number) =>
  `${profile.categories.join(', ')} · ${label} · ${paperCount(papers)}`;

/**
 * A short hash of what decides which papers a selection shows, in a fixed field order. `days`,
 * `limit` and `language` change how much or in which language, not which selection it is, so a
 * reader who widens the window keeps the ids of the items already read.
 */
export function selectionHash(profile: Profile): string {
  const { categories, keywords, exclude, authors, types, min_score } = profile;
  const canonical = JSON.stringify([categories, keywords, exclude, authors, types, min_score]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/**
 * The item id: a tag URI (RFC 4151), the same on every host the feed is served from, so a reader
 * never sees one period twice; it changes with the selection, never with the item's content.
 */
export const digestItemId = (hash: string, period: DigestPeriod, key: string) => `tag:arxiv-feeds,2025:digest:${hash}:${period}:${key}`;

/** The day archive of `day` for the selection a page URL (`/?…`) carries; `digest` and `format` do not change the page. */
export function dayArchiveUrl(pageUrl: string, day: Day): string {
  const url = new URL(pageUrl);
  url.pathname = `/day/${day}`;
  url.searchParams.delete('digest');
  url.searchParams.delete('format');
  return url.href;
}
