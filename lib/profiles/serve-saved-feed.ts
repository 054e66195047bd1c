/**
 * `/api/feed/<token>`: the saved profile (narrowed by `cats`), ranked with its learned model, each
 * item linking to the profile's feedback page on the request's origin. The model (and, with
 * embeddings on, the profile's embedding points) is read with the profile, in parallel.
 */
import { requestOrigin, type OriginEnv } from '../feed/request-origin';
import { serveFeed, type ServeFeedOptions } from '../feed/serve-feed';
import type { Profile } from '../model/profile';
import type { Store } from '../store/store';
import { profileFeedbackUrl } from './feedback-url';
import { learnedRanking, readLearnedParts, type LearnedStore } from './learned-scorer';
import { assertProfileToken } from './profile-token';
import { parseSavedFeedQuery } from './saved-feed-query';
import { readProfile } from './saved-profiles';

export type SavedFeedOptions = Pick<ServeFeedOptions, 'request' | 'now'> & {
  store: ServeFeedOptions['store'] & Pick<Store, 'getProfile'> & LearnedStore;
  token: string;
  env: ServeFeedOptions['env'] & OriginEnv & Parameters<typeof readLearnedParts>[2];
};

/** The response, and the saved profile as stored (for the follow-up work after it). */
export async function serveSavedFeed(options: SavedFeedOptions): Promise<{ response: Response; saved: Profile }> {
  const { store, token, request, env } = options;
  // The token names a store key: checked before anything is read with it.
  assertProfileToken(token);
  const [saved, parts] = await Promise.all([readProfile(store, token), readLearnedParts(store, token, env)]);
  const { profile, format } = parseSavedFeedQuery(new URL(request.url), saved);
  const response = await serveFeed({
    store,
    profile,
    format,
    request,
    env,
    now: options.now,
    learned: learnedRanking(parts, profile),
    feedbackUrl: profileFeedbackUrl(requestOrigin(request, env), token),
  });
  return { response, saved };
}
