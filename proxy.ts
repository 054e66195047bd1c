/**
 * Next.js 16 Proxy (formerly middleware): gives every HTML page a Content-Security-Policy with a
 * fresh nonce, which Next.js then puts on its own scripts and inline styles
 * (https://nextjs.org/docs/app/guides/content-security-policy). The policy itself is built in
 * lib/security/content-security-policy.ts; headers that do not change per request (nosniff,
 * Referrer-Policy, framing, Permissions-Policy) and the API's policy are in next.config.mjs.
 * API requests pass lib/http/api-gate.ts first: malformed paths, methods a route does not serve,
 * and cross-site or non-JSON writes to saved profiles are refused there; pages, malformed paths.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './lib/env';
import type { OriginEnv } from './lib/feed/request-origin';
import { gateApiRequest, gateMalformedPath } from './lib/http/api-gate';
import { contentSecurityPolicy, createNonce } from './lib/security/content-security-policy';

/** With a broken env the routes answer the 500 that names the variable; the gate trusts no proxy meanwhile. */
function originEnv(): OriginEnv {
  try {
    return getEnv();
  } catch {
    return { PUBLIC_BASE_URL: undefined, TRUST_PROXY: undefined, VERCEL: false };
  }
}

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/api/')) return gateApiRequest(request, originEnv()) ?? NextResponse.next();
  const malformed = gateMalformedPath(request);
  if (malformed) return malformed;
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: request.nextUrl.protocol === 'https:',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not API routes (JSON/XML, their policy is in next.config.mjs), not build assets.
      source: '/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
    // API routes: the gate only (lib/http/api-gate.ts), no page policy.
    { source: '/api/:path*' },
  ],
};
