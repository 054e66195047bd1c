/**
 * GET /api/feed?cats=…&q=…&exclude=…&authors=…&min_score=…&days=…&limit=…&types=…&format=rss|atom|json
 * A stateless feed from query parameters (README "Feeds"). Without `cats`: the default profile.
 */
import { getDefaultProfile } from '../../../lib/select/default-profile';
import { parseFeedQuery } from '../../../lib/feed/feed-query';
import { serveFeed } from '../../../lib/feed/serve-feed';
import { afterResponse } from '../_lib/after-response';
import { allowedSummaryLanguages, getEnv } from '../../../lib/env';
import { runFeedFollowUps } from '../../../lib/jobs/feed-follow-ups';
import { withErrors } from '../../../lib/http/respond';
import { getStore } from '../../../lib/store/open-store';

export const dynamic = 'force-dynamic';
/** Seconds; leaves room for the after-response work (summary drain, on-demand fetch). */
export const maxDuration = 60;

export const GET = withErrors(async (request: Request) => {
  const env = getEnv();
  const defaults = getDefaultProfile(env);
  const { profile, format } = parseFeedQuery(new URL(request.url), defaults, { languages: allowedSummaryLanguages(env) });
  const store = await getStore();
  const response = await serveFeed({ store, profile, format, request, env });
  // The selection is recorded as read, so the summarize run serves it too, and the drain serves it now.
  afterResponse(() => runFeedFollowUps({ store, env, selection: profile }, response));
  return response;
});
