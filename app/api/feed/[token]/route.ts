/**
 * GET /api/feed/<token>?format=rss|atom|json[&cats=…] — a saved profile's feed, with the same
 * selection, rendering and caching headers as /api/feed (lib/feed/serve-feed.ts). `cats` narrows
 * to some of the profile's own categories; a profile with likes is ranked by them too, and every item
 * links to "More like this" / "Less like this" (lib/profiles/serve-saved-feed.ts). Malformed token
 * → 400, unknown → 404.
 */
import { afterResponse } from '../../_lib/after-response';
import { getEnv } from '../../../../lib/env';
import { runFeedFollowUps } from '../../../../lib/jobs/feed-follow-ups';
import { withErrors } from '../../../../lib/http/respond';
import { serveSavedFeed } from '../../../../lib/profiles/serve-saved-feed';
import { getStore } from '../../../../lib/store/open-store';

export const dynamic = 'force-dynamic';
/** Seconds; leaves room for the after-response work (summary drain, on-demand fetch). */
export const maxDuration = 60;

type Context = { params: Promise<{ token: string }> };

export const GET = withErrors(async (request: Request, context: Context) => {
  const { token } = await context.params;
  const store = await getStore();
  const env = getEnv();
  const { response, saved } = await serveSavedFeed({ store, token, request, env });
  afterResponse(() => runFeedFollowUps({ store, env, drainProfile: saved }, response));
  return response;
});
