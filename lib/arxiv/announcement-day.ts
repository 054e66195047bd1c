/**
 * arXiv's calendar: mailings are dated by the America/New_York calendar day (the RSS channel's
 * `pubDate` is `Mon, 28 Apr 2025 00:00:00 -0400` for the Monday mailing). Submissions received
 * before 14:00 ET on a weekday are announced that evening and appear in the next weekday's mailing;
 * later or weekend submissions wait for the next weekday's cut-off.
 * https://info.arxiv.org/help/availability.html
 */
import type { Day } from '../model/paper';

const ARXIV_ZONE = 'America/New_York';
/** Submission cut-off, hour of the day in New York time. */
const CUTOFF_HOUR_ET = 14;

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ARXIV_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourFormat = new Intl.DateTimeFormat('en-US', { timeZone: ARXIV_ZONE, hour: 'numeric', hourCycle: 'h23' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ARXIV_ZONE, timeZoneName: 'longOffset' });

/** The New York calendar day of an instant. */
export function newYorkDay(instant: Date): Day {
  return dayFormat.format(instant);
}

/** Parses an RFC 822 / ISO date as arXiv writes it and returns its New York day, or null. */
export function newYorkDayOf(dateText: string | undefined): Day | null {
  if (!dateText) return null;
  const instant = new Date(dateText.trim());
  return Number.isNaN(instant.getTime()) ? null : newYorkDay(instant);
}

const toUtcDate = (day: Day) => new Date(`${day}T12:00:00Z`);
const fromUtcDate = (d: Date): Day => d.toISOString().slice(0, 10);

export function addDays(day: Day, n: number): Day {
  const d = toUtcDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtcDate(d);
}

export const isWeekday = (day: Day) => {
  const dow = toUtcDate(day).getUTCDay();
  return dow !== 0 && dow !== 6;
};

/** The first weekday strictly after `day`. */
export function nextWeekday(day: Day): Day {
  let d = addDays(day, 1);
  while (!isWeekday(d)) d = addDays(d, 1);
  return d;
}

/**
 * Approximate mailing day of a paper submitted at `submitted` (arXiv holidays are ignored, so
 * around a holiday this may be one weekday early). Used only for backfilled history.
 */
export function approximateAnnouncementDay(submitted: Date): Day {
  const day = newYorkDay(submitted);
  const beforeCutoff = Number(hourFormat.format(submitted)) < CUTOFF_HOUR_ET;
  const cutoffDay = isWeekday(day) && beforeCutoff ? day : nextWeekday(day);
  return nextWeekday(cutoffDay);
}

/** The last weekday strictly before `day`. */
export function previousWeekday(day: Day): Day {
  let d = addDays(day, -1);
  while (!isWeekday(d)) d = addDays(d, -1);
  return d;
}

/** The instant of the 14:00 ET submission cut-off on `day`, in EST or EDT as that day has it. */
export function submissionCutoff(day: Day): Date {
  // At 12:00 UTC New York is past any 02:00 clock change of that day, so this is the cut-off's offset.
  const zone = offsetFormat.formatToParts(toUtcDate(day)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = zone.replace('GMT', '') || 'Z';
  return new Date(`${day}T${String(CUTOFF_HOUR_ET).padStart(2, '0')}:00:00${offset}`);
}

/**
 * The cut-off that closes the submissions announced in the mailing of weekday `mailing` (14:00 ET
 * the weekday before): everything submitted later is in a later mailing. Holidays are ignored.
 */
export function mailingCutoff(mailing: Day): Date {
  return submissionCutoff(previousWeekday(mailing));
}
