/**
 * The security headers as a browser receives them from `next start` (production build): the
 * nonce policy on `/` with every script carrying that nonce, the static headers everywhere, the
 * sandbox policy on the API. Needs a build, so it runs in CI (after `next build`) or when
 * RELIABILITY_HTTP=1; the unit tests in security-headers.test.ts cover the config without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild, startNext, type RunningNext } from '../../scripts/support/next-server';
import { tempDir } from '../helpers/temp-env';

const WANTED = Boolean(process.env.CI || process.env.RELIABILITY_HTTP);
if (!WANTED) console.warn('[security headers] next start check skipped (runs in CI, or with RELIABILITY_HTTP=1)');

describe.skipIf(!WANTED)('security headers from next start', () => {
  let server: RunningNext | undefined;
  let base = '';

  beforeAll(async () => {
    ensureFreshBuild();
    server = await startNext({ ...process.env, DATA_DIR: tempDir('af-http-'), DISABLE_AUTO_INGEST: '1' }, { readyPath: '/api/categories' });
    base = server.url;
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('/ has a fresh nonce policy, and every script and inline style on it carries that nonce', async () => {
    const [a, b] = [await fetch(`${base}/`), await fetch(`${base}/`)];
    const csp = a.headers.get('content-security-policy')!;
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get('content-security-policy')).not.toBe(csp);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    const html = await a.text();
    await b.text();
    const tags = [...html.matchAll(/<(script|style)\b[^>]*>/g)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    for (const [name, value] of [
      ['x-content-type-options', 'nosniff'],
      ['referrer-policy', 'no-referrer'],
      ['x-frame-options', 'DENY'],
    ]) expect(a.headers.get(name!)).toBe(value);
    expect(a.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
  });

  it('API answers carry nosniff, no-referrer and the sandbox policy, not the page policy', async () => {
    const res = await fetch(`${base}/api/health`);
    await res.text();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
