/**
 * POST /api/profiles — saves a profile (JSON body, ProfileSchema) and answers 201
 * `{token, urls: {rss, atom, json, opml, edit}}`. Rate limited per client address (README "Scoring").
 */
import { allowedSummaryLanguages, getEnv } from '../../../lib/env';
import { json, withErrors } from '../../../lib/http/respond';
import { clientAddress } from '../../../lib/profiles/client-address';
import { requestOrigin } from '../../../lib/feed/request-origin';
import { profileUrls } from '../../../lib/profiles/profile-urls';
import { readJsonBody } from '../../../lib/profiles/read-json-body';
import { createProfile, MAX_PROFILE_BODY_BYTES } from '../../../lib/profiles/saved-profiles';
import { getStore } from '../../../lib/store/open-store';
import { createEmbedder } from '../../../lib/summarize/embedding-client';

export const dynamic = 'force-dynamic';

export const POST = withErrors(async (request: Request) => {
  const body = await readJsonBody(request, MAX_PROFILE_BODY_BYTES);
  const env = getEnv();
  const { token, profile } = await createProfile(await getStore(), body, clientAddress(request, env), {
    languages: allowedSummaryLanguages(env),
    embedder: createEmbedder(env),
  });
  const origin = requestOrigin(request, env);
  return json(
    { token, urls: profileUrls(origin, token), profile },
    { status: 201, headers: { location: new URL(`/api/profiles/${token}`, origin).href } },
  );
});
