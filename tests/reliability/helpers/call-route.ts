/**
 * Calls the app's route handlers the way Next.js does (Web Request in, Response out, dynamic
 * params as a promise), without a server: the fault-injection and fuzz tests go through here.
 */
import * as categories from '../../../app/api/categories/route';
import * as cronIngest from '../../../app/api/cron/ingest/route';
import * as cronSummarize from '../../../app/api/cron/summarize/route';
import * as feed from '../../../app/api/feed/route';
import * as tokenFeed from '../../../app/api/feed/[token]/route';
import * as health from '../../../app/api/health/route';
import * as opml from '../../../app/api/opml/route';
import * as profiles from '../../../app/api/profiles/route';
import * as profile from '../../../app/api/profiles/[token]/route';
import * as feedback from '../../../app/api/profiles/[token]/feedback/route';

export const ORIGIN = 'http://localhost';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const h = (fn: unknown) => fn as Handler;

/** Every route and method, with the path template its handler serves. */
export const ROUTES = {
  'GET /api/feed': { handler: h(feed.GET), path: '/api/feed' },
  'GET /api/feed/[token]': { handler: h(tokenFeed.GET), path: '/api/feed/[token]' },
  'POST /api/profiles': { handler: h(profiles.POST), path: '/api/profiles' },
  'GET /api/profiles/[token]': { handler: h(profile.GET), path: '/api/profiles/[token]' },
  'PUT /api/profiles/[token]': { handler: h(profile.PUT), path: '/api/profiles/[token]' },
  'DELETE /api/profiles/[token]': { handler: h(profile.DELETE), path: '/api/profiles/[token]' },
  'GET /api/profiles/[token]/feedback': { handler: h(feedback.GET), path: '/api/profiles/[token]/feedback' },
  'POST /api/profiles/[token]/feedback': { handler: h(feedback.POST), path: '/api/profiles/[token]/feedback' },
  'GET /api/opml': { handler: h(opml.GET), path: '/api/opml' },
  'GET /api/categories': { handler: h(categories.GET), path: '/api/categories' },
  'GET /api/health': { handler: h(health.GET), path: '/api/health' },
  'GET /api/cron/ingest': { handler: h(cronIngest.GET), path: '/api/cron/ingest' },
  'GET /api/cron/summarize': { handler: h(cronSummarize.GET), path: '/api/cron/summarize' },
} as const;
export type RouteName = keyof typeof ROUTES;

export type CallOptions = {
  /** Query string without `?`, used verbatim (may be malformed on purpose). */
  query?: string;
  /** The `[token]` segment as Next.js would hand it to the handler (decoded). */
  token?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
};

export async function callRoute(name: RouteName, options: CallOptions = {}): Promise<Response> {
  const route = ROUTES[name];
  const method = name.split(' ')[0]!;
  const token = options.token ?? '';
  const path = route.path.replace('[token]', encodeURIComponent(token));
  const url = `${ORIGIN}${path}${options.query !== undefined ? `?${options.query}` : ''}`;
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : new Uint8Array(options.body);
  const request = new Request(url, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...options.headers },
    body,
  });
  return route.handler(request, { params: Promise.resolve({ token }) });
}
