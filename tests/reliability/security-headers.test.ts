/**
 * Security headers: the static set in next.config.mjs (every response), the API policy, and the
 * HTML pages' nonce-based Content-Security-Policy from proxy.ts (issue 7 "Input and access").
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NextRequest } from 'next/server';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { describe, expect, it } from 'vitest';
import { config as proxyConfig, proxy } from '../../proxy';
import { contentSecurityPolicy, createNonce } from '../../lib/security/content-security-policy';

type HeaderRule = { source: string; headers: { key: string; value: string }[] };
type NextConfigModule = {
  default: { headers: () => Promise<HeaderRule[]>; poweredByHeader?: boolean };
  API_CONTENT_SECURITY_POLICY: string;
};

const loadNextConfig = async () =>
  (await import(pathToFileURL(path.resolve(import.meta.dirname, '../../next.config.mjs')).href)) as NextConfigModule;

/**
 * A next.config `source` matched the way Next.js matches it (path-to-regexp, strict,
 * case-insensitive); `/:path*` covers the root, which path-to-regexp spells as the empty path.
 */
const sourceMatches = (source: string, pathname: string) => {
  const match = getPathMatch(source, { strict: true });
  return match(pathname) !== false || (pathname === '/' && match('') !== false);
};

async function headersFor(pathname: string): Promise<Map<string, string>> {
  const rules = await (await loadNextConfig()).default.headers();
  const out = new Map<string, string>();
  for (const rule of rules) if (sourceMatches(rule.source, pathname)) for (const h of rule.headers) out.set(h.key.toLowerCase(), h.value);
  return out;
}

const directive = (csp: string, name: string) =>
  csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1);

describe('next.config.mjs headers()', () => {
  it.each(['/', '/?profile=abc', '/api/feed', '/api/feed/tok', '/api/health', '/_next/static/chunks/x.js'])(
    'sets nosniff, no-referrer, DENY framing and a Permissions-Policy on %s',
    async (pathname) => {
      const h = await headersFor(pathname.split('?')[0]!);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      // Profile tokens are in URLs: no Referer at all, not even the origin-only variant.
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('permissions-policy')).toMatch(/camera=\(\)/);
      expect(h.get('permissions-policy')).toMatch(/geolocation=\(\)/);
    },
  );

  it('gives API routes a policy that runs and embeds nothing; pages get theirs from the proxy', async () => {
    const api = (await headersFor('/api/feed')).get('content-security-policy')!;
    expect(directive(api, 'default-src')).toEqual(["'none'"]);
    expect(directive(api, 'frame-ancestors')).toEqual(["'none'"]);
    expect(api).toMatch(/\bsandbox\b/);
    expect((await headersFor('/')).get('content-security-policy')).toBeUndefined();
  });

  it('leaves only the feedback page to its own policy; every other API path keeps the sandbox one', async () => {
    expect((await headersFor('/api/profiles/tok/feedback')).get('content-security-policy')).toBeUndefined();
    expect((await headersFor('/api/profiles/tok/feedback')).get('referrer-policy')).toBe('no-referrer');
    for (const other of ['/api/profiles', '/api/profiles/tok', '/api/profiles/tok/feedbackx', '/api/profiles/a/b/feedback', '/api/feed/feedback'])
      expect((await headersFor(other)).get('content-security-policy'), other).toMatch(/\bsandbox\b/);
  });

  it('does not advertise the framework', async () => {
    expect((await loadNextConfig()).default.poweredByHeader).toBe(false);
  });
});

describe('contentSecurityPolicy()', () => {
  const nonce = 'bm9uY2Utbm9uY2Utbm9uY2U=';
  const prod = contentSecurityPolicy({ nonce });

  it('allows scripts only by nonce (strict-dynamic), never unsafe-inline or unsafe-eval, in production', () => {
    expect(directive(prod, 'script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(prod).not.toMatch(/unsafe-eval/);
    expect(directive(prod, 'script-src')).not.toContain("'unsafe-inline'");
    expect(directive(prod, 'style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
  });

  it('allows inline style attributes only (KaTeX math), nothing from other origins', () => {
    expect(directive(prod, 'style-src-attr')).toEqual(["'unsafe-inline'"]);
    for (const d of prod.split(';')) expect(d).not.toMatch(/https?:|\*/);
  });

  it('forbids plugins, frames, being framed, foreign forms and base-uri hijacks', () => {
    expect(directive(prod, 'object-src')).toEqual(["'none'"]);
    expect(directive(prod, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(prod, 'frame-src')).toEqual(["'none'"]);
    expect(directive(prod, 'form-action')).toEqual(["'self'"]);
    expect(directive(prod, 'base-uri')).toEqual(["'self'"]);
    expect(directive(prod, 'default-src')).toEqual(["'self'"]);
  });

  it("adds unsafe-eval only in development, upgrade-insecure-requests only over https", () => {
    const dev = contentSecurityPolicy({ nonce, dev: true });
    expect(directive(dev, 'script-src')).toContain("'unsafe-eval'");
    expect(prod).not.toMatch(/upgrade-insecure-requests/);
    expect(contentSecurityPolicy({ nonce, https: true })).toMatch(/upgrade-insecure-requests$/);
  });

  it('makes 128-bit base64 nonces that differ every time', () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('proxy.ts', () => {
  it('puts a fresh nonce policy on the response and hands the same policy to the renderer', () => {
    const a = proxy(new NextRequest('http://localhost/?cats=cs.LG'));
    const b = proxy(new NextRequest('http://localhost/'));
    const csp = a.headers.get('content-security-policy')!;
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get('content-security-policy')).not.toBe(csp);
    // NextResponse.next({ request: { headers } }) forwards overridden request headers this way.
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
  });

  it('sets the page policy on pages only, not on API routes (their own gate) or build assets', () => {
    expect(proxyConfig.matcher[1]).toEqual({ source: '/api/:path*' });
    const source = proxyConfig.matcher[0]!.source;
    const matches = (p: string) => new RegExp(`^${source}$`).test(p);
    for (const p of ['/', '/p/abc', '/anything']) expect(matches(p)).toBe(true);
    for (const p of ['/api/feed', '/api/health', '/_next/static/chunks/main.js', '/_next/image', '/favicon.ico']) expect(matches(p)).toBe(false);
  });
});
