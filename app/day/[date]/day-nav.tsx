/**
 * The day archive's way around: the previous and next stored days, and a calendar strip of every
 * day the store holds for this selection, by month. Plain links that keep the selection's query.
 */
import { shortDay } from '../../../lib/feed/digest-labels';
import type { Day } from '../../../lib/model/paper';
import styles from './day-archive.module.css';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthOf = (day: Day) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

export type DayHref = (day: Day) => string;

export function PrevNext({ previous, next, href }: { previous: Day | null; next: Day | null; href: DayHref }) {
  return (
    <nav className={styles.prevNext} aria-label="Previous and next announcement day">
      {previous ? (
        <a href={href(previous)} rel="prev">
          ← {shortDay(previous)}
        </a>
      ) : (
        <span className={styles.none}>No earlier day stored</span>
      )}
      {next ? (
        <a href={href(next)} rel="next">
          {shortDay(next)} →
        </a>
      ) : (
        <span className={styles.none}>No later day stored</span>
      )}
    </nav>
  );
}

/** Stored days oldest first, in one group per month. */
function byMonth(days: Day[]): [string, Day[]][] {
  const groups = new Map<string, Day[]>();
  for (const day of [...days].reverse()) groups.set(monthOf(day), [...(groups.get(monthOf(day)) ?? []), day]);
  return [...groups];
}

export function CalendarStrip({ days, current, href }: { days: Day[]; current: Day; href: DayHref }) {
  if (!days.length) return null;
  return (
    <nav className={styles.calendar} aria-label="Stored announcement days">
      {byMonth(days).map(([month, list]) => (
        <div key={month} className={styles.month}>
          <h2 className={styles.monthName}>{month}</h2>
          <ol className={styles.days}>
            {list.map((day) => (
              <li key={day}>
                <a href={href(day)} aria-current={day === current ? 'date' : undefined} className={day === current ? styles.current : undefined}>
                  <span className={styles.weekday}>{shortDay(day).slice(0, 3)}</span> {Number(day.slice(8, 10))}
                </a>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </nav>
  );
}
