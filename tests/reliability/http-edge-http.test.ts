/**
 * The edges Next.js itself answers, as `next start` (production build) answers them: a malformed
 * path (a plain-text 500 from Next.js before), TRACE (a 500: Next.js cannot build a request for it),
 * a method the route does not export (an empty 405), and a cross-site write (a 201 before). Needs a
 * build, so it runs in CI (after `next build`) or when RELIABILITY_HTTP=1; http-methods.test.ts
 * covers the same rules without one.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild, startNext, type RunningNext } from '../../scripts/support/next-server';
import { tempDir } from '../helpers/temp-env';

const WANTED = Boolean(process.env.CI || process.env.RELIABILITY_HTTP);
if (!WANTED) console.warn('[http edges] next start check skipped (runs in CI, or with RELIABILITY_HTTP=1)');

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

describe.skipIf(!WANTED)('HTTP edges from next start', () => {
  let server: RunningNext | undefined;
  let port = 0;

  beforeAll(async () => {
    ensureFreshBuild();
    server = await startNext({ ...process.env, DATA_DIR: tempDir('af-http-'), DISABLE_AUTO_INGEST: '1' }, { readyPath: '/api/categories' });
    port = Number(new URL(server.url).port);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  /** node:http, not fetch: fetch refuses TRACE and would normalise the raw paths. */
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it.each([
    ['GET', '/api/feed/%FF'],
    ['PUT', '/api/profiles/%ED%A0%80'],
    ['DELETE', '/api/profiles/%ED%A0%80'],
    ['GET', '/day/%FF'],
  ])('%s %s is a 400 JSON', async (method, path) => {
    const res = await send(method, path, { 'content-type': 'application/json' }, method === 'PUT' ? '{}' : undefined);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body).error).toMatch(/Malformed URL path/);
  });

  it.each([['/api/feed'], ['/api/profiles/x'], ['/']])('TRACE %s is a 405 JSON with Allow', async (path) => {
    const res = await send('TRACE', path);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBeTruthy();
    expect(JSON.parse(res.body).error).toMatch(/TRACE is not supported/);
  });

  it('a method the route does not export is a 405 JSON with Allow', async () => {
    const res = await send('POST', '/api/feed', { 'content-type': 'application/json' }, '{}');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(res.body).error).toMatch(/POST is not supported/);
  });

  it('a cross-site text/plain POST creates nothing (403); a same-origin JSON POST works; curl works', async () => {
    const body = '{"categories":["cs.LG"]}';
    const evil = await send('POST', '/api/profiles', { origin: 'https://evil.example', 'content-type': 'text/plain' }, body);
    expect(evil.status).toBe(403);
    const own = await send('POST', '/api/profiles', { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body);
    expect(own.status).toBe(201);
    const curl = await send('POST', '/api/profiles', { 'content-type': 'application/json' }, body);
    expect(curl.status).toBe(201);
    const form = await send('POST', '/api/profiles', { 'content-type': 'application/x-www-form-urlencoded' }, body);
    expect(form.status).toBe(415);
  });

  it('a body over the cap still ends as a 413 through the proxy', async () => {
    const res = await send('POST', '/api/profiles', { 'content-type': 'application/json' }, `{"categories":["cs.LG"],"keywords":["${'x'.repeat(2_000_000)}"]}`);
    expect(res.status).toBe(413);
  });
});
