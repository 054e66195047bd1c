/**
 * The human words of a feed: its title, its description and its notices. Notices are plain
 * ASCII because they also travel in the `X-Feed-Notice` response header.
 */
import type { Day } from '../model/paper';
import { MAX_LIMIT, type Profile } from '../model/profile';
import type { LeftOut } from '../select/select-papers';
import { MAX_REQUESTED_CATEGORIES, REQUESTED_CATEGORY_DAYS } from '../store/keys';

/** How many keywords a title names before "+N more". */
const TITLE_KEYWORDS = 4;

export function titleFor(profile: Pick<Profile, 'categories' | 'keywords'>): string {
  const cats = `arXiv ${profile.categories.join(', ')}`;
  if (!profile.keywords.length) return cats;
  const shown = profile.keywords.slice(0, TITLE_KEYWORDS).join(', ');
  const more = profile.keywords.length - TITLE_KEYWORDS;
  return `${cats}: ${shown}${more > 0 ? ` +${more} more` : ''}`;
}

export function notIngestedNotice(m: { category: string; configured: boolean; overCap?: boolean }): string {
  if (m.configured) return `Category ${m.category} has no stored announcements yet: the first ingest run has not stored it.`;
  if (m.overCap)
    return (
      `Category ${m.category} is not ingested yet and can't be fetched on demand right now: readers requested more than ` +
      `${MAX_REQUESTED_CATEGORIES} categories beyond this server's own in the last ${REQUESTED_CATEGORY_DAYS} days, and only the ` +
      `${MAX_REQUESTED_CATEGORIES} most recently requested are fetched. A request on a later day counts as a new one; ` +
      `categories of saved profiles are always fetched by the next ingest run.`
    );
  return `Category ${m.category} is not ingested yet: it has been registered and the next ingest run will include it.`;
}

export const SUMMARIES_OFF_NOTE = 'LLM summaries are off on this server (no OPENAI_API_KEY configured).';

/** The off note, true also when the feed still carries summaries made before the key was removed. */
export const summariesOffNote = (storedShown: number) =>
  storedShown > 0
    ? `New LLM summaries are off on this server (no OPENAI_API_KEY configured); summaries made earlier are shown for ${storedShown} ${storedShown === 1 ? 'paper' : 'papers'}.`
    : SUMMARIES_OFF_NOTE;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const PAST_LIMIT: Record<LeftOut['limitSource'], (n: number, limit: number) => string> = {
  profile: (n, limit) => `${n} past limit=${limit}`,
  'ranked-default': (n, limit) => `${n} past the default limit of ${limit} (limit= raises it, up to ${MAX_LIMIT})`,
  maximum: (n, limit) => `${plural(n, 'older paper')} past the ${limit}-paper maximum`,
};

/** Says how many papers min_score and the limit kept out of a feed of `shown` items, or null when none. */
export function leftOutNotice(leftOut: LeftOut, minScore: number, shown: number): string | null {
  const { belowMinScore, pastLimit } = leftOut;
  if (!belowMinScore && !pastLimit) return null;
  const reasons = [
    ...(belowMinScore ? [`${belowMinScore} scoring below min_score=${minScore}`] : []),
    ...(pastLimit ? [PAST_LIMIT[leftOut.limitSource](pastLimit, leftOut.limit)] : []),
  ];
  return `Showing ${shown} of ${plural(shown + belowMinScore + pastLimit, 'paper')}; left out: ${reasons.join(', ')}.`;
}

/** Said while summaries are on and some shown papers have none yet. */
export const pendingSummariesNotice = (pending: number, shown: number) =>
  `Summaries pending for ${pending} of ${plural(shown, 'paper')}: they appear here once written.`;

export function describeFeed(profile: Profile, days: Day[], notices: string[], summariesOff: boolean, storedShown = 0): string {
  const parts = [`New arXiv papers in ${profile.categories.join(', ')}`];
  parts.push(
    days.length
      ? `from ${plural(days.length, 'announcement day')} (${days.at(-1)}${days.length > 1 ? ` to ${days[0]}` : ''})`
      : 'with no announcement day stored yet',
  );
  let text = `${parts.join(' ')}, types ${profile.types.join(', ')}.`;
  if (profile.keywords.length) text += ` Ranked by: ${profile.keywords.join(', ')}.`;
  if (profile.authors.length) text += ` Authors: ${profile.authors.join(', ')}.`;
  if (profile.exclude.length) text += ` Excluding: ${profile.exclude.join(', ')}.`;
  if (profile.min_score > 0) text += ` Minimum score ${profile.min_score}.`;
  return [text, ...notices, ...(summariesOff ? [summariesOffNote(storedShown)] : [])].join(' ');
}
