/**
 * Is the stored data as new as arXiv's schedule says it should be? Health and the page both ask
 * this one function, so the page never looks fresh while health says stale. Weekends are in the
 * schedule; an ingest run that looked for the expected mailing and found nothing new (`quiet`, or
 * `stale`: arXiv still serves the stored day) excuses one missing weekday, a holiday, and no more.
 */
import { expectedLatestAnnouncement, mailingServedAt, missingMailings } from '../arxiv/expected-announcement';
import type { Day } from '../model/paper';
import type { RunStatus } from '../store/store';

/** Weekday mailings a quiet day may excuse: arXiv's holidays are single weekdays, or a weekend plus one. */
export const HOLIDAY_ALLOWANCE_MAILINGS = 1;

export type Freshness = {
  /** Newest announcement day stored, or null when nothing is. */
  latestDay: Day | null;
  /** The newest mailing arXiv's schedule says should be stored by now. */
  expectedDay: Day;
  /** Weekday mailings after `latestDay` up to `expectedDay` (null when nothing is stored). */
  missingMailings: number | null;
  /** True when the missing mailing is excused: the last ingest looked for it and arXiv had nothing new. */
  holiday: boolean;
  /** True when more is missing than a holiday excuses (or nothing is stored). */
  stale: boolean;
};

const NOTHING_NEW: RunStatus['state'][] = ['quiet', 'stale'];

/** True when `ingest` ran after arXiv began serving `day` and found nothing new. */
function foundNothingFor(day: Day, ingest: Pick<RunStatus, 'state' | 'startedAt'> | null): boolean {
  if (!ingest || !NOTHING_NEW.includes(ingest.state)) return false;
  const started = Date.parse(ingest.startedAt);
  return Number.isFinite(started) && started >= mailingServedAt(day).getTime();
}

export function dataFreshness(latestDay: Day | null, now: Date, ingest: Pick<RunStatus, 'state' | 'startedAt'> | null): Freshness {
  const expectedDay = expectedLatestAnnouncement(now);
  if (!latestDay) return { latestDay, expectedDay, missingMailings: null, holiday: false, stale: true };
  const missing = missingMailings(latestDay, expectedDay);
  const holiday = missing > 0 && missing <= HOLIDAY_ALLOWANCE_MAILINGS && foundNothingFor(expectedDay, ingest);
  return { latestDay, expectedDay, missingMailings: missing, holiday, stale: missing > 0 && !holiday };
}
