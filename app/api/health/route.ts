/**
 * GET /api/health — last ingest and summarize runs (per category ok / quiet / failed + reason),
 * store backend and reachability, data freshness, summary backlog, version. 200 while the store
 * answers, 503 with Retry-After when it does not. No secrets or tokens (README "Reliability").
 */
import { serveHealth } from '../../../lib/http/serve-health';
import { withErrors } from '../../../lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withErrors(async () => serveHealth());
