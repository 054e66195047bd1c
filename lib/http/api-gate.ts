/**
 * What proxy.ts checks on every API request before a route runs (pages get the first check
 * only), each answered as the same JSON error every route gives (lib/errors.ts):
 * - a path whose percent-encoding does not decode (`/api/feed/%FF`) → 400; Next.js would answer
 *   a plain-text 500 while decoding the route parameter, before the route could catch it;
 * - a method the route does not serve → 405 with `Allow` (Next.js sends neither body nor `Allow`);
 * - a write under /api/profiles (saved profiles, and every route below them) from another site →
 *   403: a browser's `Sec-Fetch-Site: cross-site`, or an `Origin` that is not this server's own;
 *   a write whose body is not JSON → 415 (a cross-site form or `text/plain` POST needs no
 *   preflight, so without this any page could create and change profiles) — except the feedback
 *   page's own form, from this site only (assertBodyType). Clients that send neither header
 *   (curl, scripts) are not browsers acting for someone else, and keep working.
 */
import { ForbiddenError, InputError, MethodNotAllowedError, UnsupportedMediaTypeError } from '../errors';
import { requestOrigin, type OriginEnv } from '../feed/request-origin';
import { allowedMethods, findApiRoute } from './api-routes';
import { errorResponse } from './respond';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const GUARDED_PREFIX = '/api/profiles';

function assertDecodablePath(pathname: string): void {
  try {
    decodeURIComponent(pathname);
  } catch {
    throw new InputError('Malformed URL path: its percent-encoding is not valid UTF-8', [{ path: '(path)', message: 'invalid percent-encoding' }]);
  }
}

function assertMethodServed(method: string, pathname: string): void {
  const route = findApiRoute(pathname);
  if (!route) return; // not an API route: Next.js answers its 404
  const allow = allowedMethods(route);
  if (!allow.includes(method)) throw new MethodNotAllowedError(`${method} is not supported on ${route.path}; use ${allow.join(', ')}`, allow);
}

/** Hosts this server answers as: the origin links are built on, and the Host the request came to. */
function ownHosts(request: Request, env: OriginEnv): Set<string> {
  return new Set([requestOrigin(request, env), requestOrigin(request, { ...env, PUBLIC_BASE_URL: undefined })].map((o) => new URL(o).host));
}

/**
 * Hosts are compared, not schemes: behind a TLS proxy that is not trusted (TRUST_PROXY unset) the
 * server sees `http` while the browser says `https`, and the same host is still the same site.
 */
function assertSameSite(request: Request, env: OriginEnv): void {
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw new ForbiddenError('Cross-site requests may not change saved profiles');
  const origin = request.headers.get('origin');
  if (origin === null) return;
  let host: string | null = null;
  try {
    host = origin === 'null' ? null : new URL(origin).host;
  } catch {
    host = null;
  }
  if (host === null || !ownHosts(request, env).has(host))
    throw new ForbiddenError(`Requests from ${JSON.stringify(origin.slice(0, 100))} may not change saved profiles (not this site's origin)`);
}

function assertJsonBody(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)) return;
  throw new UnsupportedMediaTypeError(`Request body must be JSON (Content-Type: application/json); got ${type ? JSON.stringify(type.slice(0, 60)) : 'none'}`);
}

/**
 * The feedback page's own button posts a form when scripts are off. A form needs no preflight, so
 * one is taken only where the browser shows it comes from this site: `Sec-Fetch-Site: same-origin`,
 * or an `Origin` header (assertSameSite has already checked it names this site), which the page
 * makes browsers send (lib/profiles/feedback-page.ts).
 */
const FORM_POST_PATH = /^\/api\/profiles\/[^/]+\/feedback$/;

function assertBodyType(request: Request, pathname: string): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const fromThisSite = request.headers.get('sec-fetch-site') === 'same-origin' || request.headers.get('origin') !== null;
  if (type === 'application/x-www-form-urlencoded' && FORM_POST_PATH.test(pathname) && fromThisSite) return;
  assertJsonBody(request);
}

/** A page path that does not decode is the same 400 (Next.js would answer a dynamic page's with a 500). */
export function gateMalformedPath(request: Request): Response | null {
  try {
    assertDecodablePath(new URL(request.url).pathname);
    return null;
  } catch (err) {
    return errorResponse(err);
  }
}

/** The refusal for this request, or null to let the route answer. */
export function gateApiRequest(request: Request, env: OriginEnv): Response | null {
  const { pathname } = new URL(request.url);
  try {
    assertDecodablePath(pathname);
    assertMethodServed(request.method, pathname);
    if (WRITE_METHODS.has(request.method) && (pathname === GUARDED_PREFIX || pathname.startsWith(`${GUARDED_PREFIX}/`))) {
      assertSameSite(request, env);
      if (BODY_METHODS.has(request.method)) assertBodyType(request, pathname);
    }
    return null;
  } catch (err) {
    return errorResponse(err);
  }
}
