/**
 * `GET /api/opml?token=<token>` or `GET /api/opml?<feed query>`, each with `format=rss|atom`: the
 * reader's feed as OPML 2.0. The token form lists secret URLs, so it is never stored by shared caches.
 */
import { zodToInputError } from '../errors';
import { parseFeedQuery } from '../feed/feed-query';
import { requestOrigin, type OriginEnv } from '../feed/request-origin';
import type { Profile } from '../model/profile';
import { readProfile } from '../profiles/saved-profiles';
import type { Store } from '../store/store';
import { OPML_CONTENT_TYPE, renderOpml } from './build-opml';
import { OpmlQuerySchema } from './opml-format';
import { profileOpml } from './profile-opml';

export type ServeOpmlOptions = {
  request: Request;
  store: Pick<Store, 'getProfile'>;
  defaults: Profile;
  now?: Date;
  env: OriginEnv;
  /** Languages the deployment summarizes in: a query asking for another is the same 400 as the feed's. */
  languages?: readonly string[];
};

export async function serveOpml(options: ServeOpmlOptions): Promise<Response> {
  const url = new URL(options.request.url);
  const parsed = OpmlQuerySchema.safeParse({ format: url.searchParams.getAll('format').filter((v) => v.trim()) });
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid OPML query');
  // The feed query's own `format` allows json; here it was read above.
  const query = new URL(url);
  query.searchParams.delete('format');
  const token = url.searchParams.get('token');
  const profile = token !== null ? await readProfile(options.store, token) : parseFeedQuery(query, options.defaults, { languages: options.languages }).profile;
  const doc = profileOpml({
    origin: requestOrigin(options.request, options.env),
    profile,
    token: token ?? undefined,
    format: parsed.data.format,
    now: options.now ?? new Date(),
  });
  return new Response(renderOpml(doc), {
    headers: {
      'content-type': OPML_CONTENT_TYPE,
      'content-disposition': 'inline; filename="arxiv-feeds.opml"',
      'cache-control': token !== null ? 'private, no-store' : 'public, max-age=300, s-maxage=600',
      'x-content-type-options': 'nosniff',
    },
  });
}
