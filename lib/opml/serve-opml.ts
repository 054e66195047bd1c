/**
 * `GET /api/opml?token=<token>` or `GET /api/opml?<feed query>`: the reader's feeds as OPML 2.0.
 * The token form lists secret URLs, so it is never stored by shared caches.
 */
import { getEnv, type Env } from '../env';
import { parseFeedQuery } from '../feed/feed-query';
import type { Profile } from '../model/profile';
import { publicOrigin } from '../profiles/profile-urls';
import { readProfile } from '../profiles/saved-profiles';
import type { Store } from '../store/store';
import { OPML_CONTENT_TYPE, renderOpml } from './build-opml';
import { profileOpml } from './profile-opml';

export type ServeOpmlOptions = {
  request: Request;
  store: Pick<Store, 'getProfile'>;
  defaults: Profile;
  now?: Date;
  env?: Env;
};

export async function serveOpml(options: ServeOpmlOptions): Promise<Response> {
  const env = options.env ?? getEnv();
  const url = new URL(options.request.url);
  const token = url.searchParams.get('token');
  const profile = token !== null ? await readProfile(options.store, token) : parseFeedQuery(url, options.defaults).profile;
  const doc = profileOpml({ origin: publicOrigin(options.request, env), profile, token: token ?? undefined, now: options.now ?? new Date() });
  return new Response(renderOpml(doc), {
    headers: {
      'content-type': OPML_CONTENT_TYPE,
      'content-disposition': 'inline; filename="arxiv-feeds.opml"',
      'cache-control': token !== null ? 'private, no-store' : 'public, max-age=300, s-maxage=600',
      'x-content-type-options': 'nosniff',
    },
  });
}
