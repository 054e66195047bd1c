/**
 * GET /api/categories — the arXiv taxonomy used for validation and the category picker, with
 * which categories are ingested. The taxonomy is static and ingestion changes at most daily, so
 * the CDN keeps it an hour and serves it stale for a week.
 */
import { listCategories } from '../../../lib/feed/list-categories';
import { json, withErrors } from '../../../lib/http/respond';
import { getStore } from '../../../lib/store/open-store';

export const dynamic = 'force-dynamic';

export const GET = withErrors(async () => {
  const listing = await listCategories(await getStore());
  return json(listing, {
    headers: { 'cache-control': 'public, max-age=3600, s-maxage=3600, stale-while-revalidate=604800' },
  });
});
