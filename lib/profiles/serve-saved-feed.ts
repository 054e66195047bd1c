/**
 * `/api/feed/<token>`: the saved profile (narrowed by `cats`), ranked with its learned model, each
 * item linking to the profile's feedback page on the request's origin. The model is read with the
 * profile, in parallel; a profile without feedback reads none.
 */
import { requestOrigin, type OriginEnv } from '../feed/request-origin';
import { serveFeed, type ServeFeedOptions } from '../feed/serve-feed';
import type { Profile } from '../model/profile';
import { compileLearned } from '../score/learned/score-learned';
import type { Store } from '../store/store';
import { profileFeedbackUrl } from './feedback-url';
import { readProfileModel } from './profile-model';
import { assertProfileToken } from './profile-token';
import { parseSavedFeedQuery } from './saved-feed-query';
import { readProfile } from './saved-profiles';

export type SavedFeedOptions = Pick<ServeFeedOptions, 'request' | 'now'> & {
  store: ServeFeedOptions['store'] & Pick<Store, 'getProfile' | 'getProfileModel'>;
  token: string;
  env: ServeFeedOptions['env'] & OriginEnv;
};

/** The response, and the saved profile as stored (for the follow-up work after it). */
export async function serveSavedFeed(options: SavedFeedOptions): Promise<{ response: Response; saved: Profile }> {
  const { store, token, request, env } = options;
  // The token names a store key: checked before anything is read with it.
  assertProfileToken(token);
  const [saved, model] = await Promise.all([readProfile(store, token), readProfileModel(store, token)]);
  const { profile, format } = parseSavedFeedQuery(new URL(request.url), saved);
  const scorer = compileLearned(model, { liked: profile.liked ?? [], disliked: profile.disliked ?? [] });
  const response = await serveFeed({
    store,
    profile,
    format,
    request,
    env,
    now: options.now,
    learned: scorer ? { scorer, version: model?.trainedAt ?? 'not trained' } : null,
    feedbackUrl: profileFeedbackUrl(requestOrigin(request, env), token),
  });
  return { response, saved };
}
