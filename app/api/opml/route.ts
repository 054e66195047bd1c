/**
 * GET /api/opml?token=<token> or /api/opml?<the /api/feed query>, `&format=atom` for Atom — OPML 2.0
 * with one outline per selection (RSS by default) for a one-step import.
 */
import { allowedSummaryLanguages, getEnv } from '../../../lib/env';
import { getDefaultProfile } from '../../../lib/select/default-profile';
import { withErrors } from '../../../lib/http/respond';
import { serveOpml } from '../../../lib/opml/serve-opml';
import { getStore } from '../../../lib/store/open-store';

export const dynamic = 'force-dynamic';

export const GET = withErrors(async (request: Request) => {
  const env = getEnv();
  return serveOpml({ request, store: await getStore(), defaults: getDefaultProfile(env), env, languages: allowedSummaryLanguages(env) });
});
