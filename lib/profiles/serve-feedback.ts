/**
 * The feedback route's two answers (app/api/profiles/[token]/feedback/route.ts): the page a feed
 * link opens, and the POST that records a signal — JSON for the API and the page's script, the
 * page again (saying what was recorded, with Undo) for the page's own form.
 */
import { requestOrigin, type OriginEnv } from '../feed/request-origin';
import { createNonce } from '../security/content-security-policy';
import type { Store } from '../store/store';
import { createEmbedder, type EmbeddingEnv } from '../summarize/embedding-client';
import { recordFeedback, type FeedbackResult } from './feedback';
import { feedbackPageResponse } from './feedback-page';
import { parseFeedbackLink, readFeedbackPost } from './feedback-request';
import { profileFeedbackUrl } from './feedback-url';
import { readProfile } from './saved-profiles';

type FeedbackStore = Parameters<typeof recordFeedback>[0];

/** GET: the page; 400 for a malformed id or signal, 404 for an unknown token. Records nothing. */
export async function showFeedbackPage(store: Pick<Store, 'getProfile'>, token: string, request: Request, env: OriginEnv): Promise<Response> {
  const link = parseFeedbackLink(new URL(request.url));
  await readProfile(store, token);
  return feedbackPageResponse({ state: 'confirm', ...link, action: profileFeedbackUrl(requestOrigin(request, env), token), nonce: createNonce() });
}

/** POST: records the signal (400 for a malformed body, 404 for an unknown token); a form also gets the page back. */
export async function postFeedback(
  store: FeedbackStore,
  token: string,
  request: Request,
  env: OriginEnv & EmbeddingEnv,
  now = new Date(),
): Promise<{ result: FeedbackResult; page: Response | null }> {
  const { body, form } = await readFeedbackPost(request);
  const result = await recordFeedback(store, token, body, now, createEmbedder(env));
  if (!form) return { result, page: null };
  // The page's label: the signal the link asked for (its form's URL keeps it), else the one just sent.
  const asked = new URL(request.url).searchParams.get('signal');
  const signal = asked === 'less' || asked === 'more' ? asked : result.signal === 'less' ? 'less' : 'more';
  const page = feedbackPageResponse({
    state: result.signal === 'clear' ? 'undone' : 'recorded',
    id: result.id,
    signal,
    action: profileFeedbackUrl(requestOrigin(request, env), token),
    nonce: createNonce(),
    counts: { liked: result.liked, disliked: result.disliked },
  });
  return { result, page };
}
