/**
 * GET /api/feed?cats=…&q=…&exclude=…&authors=…&min_score=…&days=…&limit=…&types=…&format=rss|atom|json
 * A stateless feed from query parameters (README "Feeds"). Without `cats`: the default profile.
 */
import { getDefaultProfile } from '../../../lib/feed/default-profile';
import { parseFeedQuery } from '../../../lib/feed/feed-query';
import { serveFeed } from '../../../lib/feed/serve-feed';
import { withErrors } from '../../../lib/http/respond';
import { getStore } from '../../../lib/store/open-store';

export const dynamic = 'force-dynamic';

export const GET = withErrors(async (request: Request) => {
  const { profile, format } = parseFeedQuery(new URL(request.url), getDefaultProfile());
  return serveFeed({ store: await getStore(), profile, format, request });
});
