/**
 * The security headers as a browser receives them from `next start` (production build): the
 * nonce policy on `/` with every script carrying that nonce, the static headers everywhere, the
 * sandbox policy on the API. Needs a build, so it runs in CI (after `next build`) or when
 * RELIABILITY_HTTP=1; the unit tests in security-headers.test.ts cover the config without one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp-env';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT = existsSync(path.join(ROOT, '.next/BUILD_ID'));
const WANTED = Boolean(process.env.CI || process.env.RELIABILITY_HTTP);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!BUILT || !WANTED)('security headers from next start', () => {
  let child: ChildProcess;
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: tempDir('af-http-'), DISABLE_AUTO_INGEST: '1', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: 'ignore',
      detached: true, // its own process group, so the server it forks is stopped with it
    });
    for (let i = 0; i < 120; i++) {
      try {
        await fetch(`${base}/api/health`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new Error('next start did not answer within 30 s');
  }, 60_000);

  afterAll(() => {
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
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
