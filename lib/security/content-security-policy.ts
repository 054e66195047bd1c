/**
 * The Content-Security-Policy of the HTML pages, built per request around a fresh nonce
 * (proxy.ts). Next.js reads the nonce from the request's CSP header and puts it on its own
 * scripts and inline styles (https://nextjs.org/docs/app/guides/content-security-policy), so
 * no 'unsafe-inline' script is needed: the page is dynamically rendered (`force-dynamic`).
 *
 * What the page needs, and nothing else:
 * - scripts: Next's runtime and chunks (nonce + 'strict-dynamic' for the chunks they load);
 * - styles: the bundled stylesheet (KaTeX's CSS included) from 'self', Next's inline <style>
 *   by nonce, and inline style *attributes* (KaTeX's server-rendered math sets heights and
 *   offsets in style="…", React style props too) — only attributes, via style-src-attr;
 * - fonts: KaTeX's fonts, bundled under /_next/static/media;
 * - fetch/XHR: only our own API (profile saving); forms post only to us; no frames, no plugins,
 *   and nobody may frame us (clickjacking).
 * Development adds 'unsafe-eval' (React's dev tooling) and inline styles (dev overlay) only.
 */

export type CspOptions = {
  nonce: string;
  /** `next dev`: React needs eval for its error overlay. @default false */
  dev?: boolean;
  /** Served over https: upgrade any stray http subresource. Off on http://localhost. @default false */
  https?: boolean;
};

export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(dev ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
  ];
  if (https) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** 128 random bits, base64 (the CSP grammar allows base64 nonces); Web Crypto, so any runtime. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
