/**
 * Security headers that are the same on every response (README "Reliability and security").
 * The HTML pages' Content-Security-Policy needs a per-request nonce, so proxy.ts sets it.
 * Referrer-Policy is no-referrer: saved-profile tokens are secrets that live in URLs
 * (/api/feed/<token>, /?profile=<token>) and must not leak to arXiv or any other link target.
 */
export const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** API answers (JSON, RSS, Atom, OPML) are data, never documents that may run or embed anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
/**
 * Every API path but one: a saved profile's feedback page (`/api/profiles/<token>/feedback`) is a
 * small HTML page with a script and a form, served with its own strict nonce policy by its route
 * (lib/profiles/feedback-page.ts). A policy set here would win over the route's, and `sandbox`
 * blocks both. Matched by Next.js with path-to-regexp, like every `source`.
 */
export const API_POLICY_SOURCE = '/api/:path((?!profiles/[^/]+/feedback$).*)';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native sockets, dynamic requires).
  serverExternalPackages: ['redis', '@vercel/kv', 'sanitize-html'],
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      { source: API_POLICY_SOURCE, headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
