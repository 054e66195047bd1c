/**
 * GET /api/opml?token=<token> or /api/opml?<the /api/feed query> — OPML 2.0 listing the reader's
 * feeds (three formats, and one per category) for a one-step import.
 */
import { getDefaultProfile } from '../../../lib/select/default-profile';
import { withErrors } from '../../../lib/http/respond';
import { serveOpml } from '../../../lib/opml/serve-opml';
import { getStore } from '../../../lib/store/open-store';

export const dynamic = 'force-dynamic';

export const GET = withErrors(async (request: Request) =>
  serveOpml({ request, store: await getStore(), defaults: getDefaultProfile() }),
);
