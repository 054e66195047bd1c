/**
 * How many papers a profile's feed carries. A feed that ranks shows its best few; one that does
 * not rank (only categories and types) has no "best", so it carries its whole window, newest
 * first: cutting it by score would cut at random. An explicit `limit` always wins.
 */
import { MAX_LIMIT, RANKED_DEFAULT_LIMIT, type Profile } from '../model/profile';

/** True when the profile orders papers by more than their date (any new ranking input joins here; liked papers train a ranking). */
export const hasRankingTerms = (profile: Pick<Profile, 'keywords' | 'authors' | 'liked'>) =>
  profile.keywords.length > 0 || profile.authors.length > 0 || !!profile.liked?.length;

/** Where a feed's limit came from: the profile, the ranked default, or the cap of an unranked feed. */
export type LimitSource = 'profile' | 'ranked-default' | 'maximum';

export function feedLimit(profile: Pick<Profile, 'keywords' | 'authors' | 'liked' | 'limit'>): { limit: number; source: LimitSource } {
  if (profile.limit !== undefined) return { limit: profile.limit, source: 'profile' };
  return hasRankingTerms(profile) ? { limit: RANKED_DEFAULT_LIMIT, source: 'ranked-default' } : { limit: MAX_LIMIT, source: 'maximum' };
}
