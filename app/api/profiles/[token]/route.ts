/**
 * GET/PUT/DELETE /api/profiles/<token> — read, replace, delete a saved profile.
 * Malformed token → 400, unknown token → 404 (lib/profiles/saved-profiles.ts).
 */
import { allowedSummaryLanguages, getEnv } from '../../../../lib/env';
import { json, withErrors } from '../../../../lib/http/respond';
import { requestOrigin } from '../../../../lib/feed/request-origin';
import { profileUrls } from '../../../../lib/profiles/profile-urls';
import { readJsonBody } from '../../../../lib/profiles/read-json-body';
import { deleteProfile, MAX_PROFILE_BODY_BYTES, readProfile, replaceProfile } from '../../../../lib/profiles/saved-profiles';
import type { Profile } from '../../../../lib/model/profile';
import { getStore } from '../../../../lib/store/open-store';
import { createEmbedder } from '../../../../lib/summarize/embedding-client';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

const answer = (request: Request, token: string, profile: Profile) =>
  json({ token, urls: profileUrls(requestOrigin(request, getEnv()), token), profile });

export const GET = withErrors(async (request: Request, context: Context) => {
  const { token } = await context.params;
  return answer(request, token, await readProfile(await getStore(), token));
});

export const PUT = withErrors(async (request: Request, context: Context) => {
  const { token } = await context.params;
  const body = await readJsonBody(request, MAX_PROFILE_BODY_BYTES);
  const env = getEnv();
  return answer(request, token, await replaceProfile(await getStore(), token, body, { languages: allowedSummaryLanguages(env), embedder: createEmbedder(env) }));
});

export const DELETE = withErrors(async (_request: Request, context: Context) => {
  const { token } = await context.params;
  await deleteProfile(await getStore(), token);
  return new Response(null, { status: 204 });
});
