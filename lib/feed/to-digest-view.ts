/**
 * Shapes a digest selection's periods into the document's digest entries: title, id, link, dates
 * and the opening sentences of each entry, plus the feed-level words only a digest needs.
 */
import type { DigestSelection, PeriodSelection } from '../select/select-digest';
import { leftOutNotice } from './describe-feed';
import type { DigestEntry, DigestView } from './digest-document';
import { dayArchiveUrl, digestItemId, digestItemTitle, paperCount, periodLabel, selectionHash, shortDay } from './digest-labels';
import type { FeedItem } from './feed-document';
import { dayToIso } from './feed-namespaces';

const PERIOD_WORDS = { daily: 'announcement day', weekly: 'week of announcements' } as const;

/** Said first in a digest feed's description. */
export const digestSentence = (selection: Pick<DigestSelection, 'digest'>) =>
  `A digest: one item per ${PERIOD_WORDS[selection.digest]}, listing its papers best first.`;

function intro(selection: DigestSelection, period: PeriodSelection): string {
  const where = selection.profile.categories.join(', ');
  const when = period.days.length === 1 ? `on ${shortDay(period.days[0]!)}` : `on ${period.days.length} days (${shortDay(period.days.at(-1)!)} to ${shortDay(period.days[0]!)})`;
  const parts = [`${paperCount(period.items.length)} announced ${when} in ${where}, best first.`];
  const leftOut = leftOutNotice(period.leftOut, selection.profile.min_score, period.items.length);
  if (leftOut) parts.push(leftOut);
  if (period.unreadDays > 0)
    parts.push(`${period.unreadDays} older day${period.unreadDays === 1 ? '' : 's'} of this period did not fit the store's read budget and ${period.unreadDays === 1 ? 'is' : 'are'} not listed.`);
  return parts.join(' ');
}

/** The newest of the period's last announcement and its papers' own changes (a summary written later). */
function entryUpdated(published: string, items: FeedItem[]): string {
  const newest = Math.max(Date.parse(published), ...items.map((i) => Date.parse(i.updated)).filter(Number.isFinite));
  return new Date(newest).toISOString();
}

export function toDigestView(selection: DigestSelection, homeUrl: string, items: FeedItem[]): DigestView {
  const hash = selectionHash(selection.profile);
  let first = 0;
  const entries = selection.periods.map((period): DigestEntry => {
    const label = periodLabel(selection.digest, period.days);
    const published = dayToIso(period.days[0]!);
    const entry: DigestEntry = {
      id: digestItemId(hash, selection.digest, period.key),
      url: dayArchiveUrl(homeUrl, period.days[0]!),
      title: digestItemTitle(selection.profile, label, period.items.length),
      label,
      key: period.key,
      days: period.days,
      intro: intro(selection, period),
      published,
      updated: entryUpdated(published, items.slice(first, first + period.items.length)),
      first,
      count: period.items.length,
    };
    first += period.items.length;
    return entry;
  });
  return { period: selection.digest, entries };
}

/** Plain-ASCII notices (they travel in the X-Feed-Notice header): periods with nothing to list, days not read. */
export function digestNotices(selection: DigestSelection): string[] {
  const notices: string[] = [];
  if (selection.emptyPeriods.length)
    notices.push(`No paper of this selection on ${selection.emptyPeriods.join(', ')}: no item for ${selection.emptyPeriods.length === 1 ? 'it' : 'them'}.`);
  if (selection.unreadDays > 0)
    notices.push(`${selection.unreadDays} older announcement day${selection.unreadDays === 1 ? ' was' : 's were'} left out to stay within the store's read budget.`);
  return notices;
}
