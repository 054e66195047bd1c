/**
 * Next.js 16 Proxy (formerly middleware): gives every HTML page a Content-Security-Policy with a
 * fresh nonce, which Next.js then puts on its own scripts and inline styles
 * (https://nextjs.org/docs/app/guides/content-security-policy). The policy itself is built in
 * lib/security/content-security-policy.ts; headers that do not change per request (nosniff,
 * Referrer-Policy, framing, Permissions-Policy) and the API's policy are in next.config.mjs.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, createNonce } from './lib/security/content-security-policy';

export function proxy(request: NextRequest) {
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
  ],
};
