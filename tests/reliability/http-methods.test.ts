/**
 * What the proxy answers before any route runs, and the TRACE guard: malformed paths are a 400,
 * methods a route does not serve a 405 with `Allow`, TRACE a 405 (Next.js answers it with a 500),
 * and writes to saved profiles refuse other sites (403) and bodies that are not JSON (415), while
 * clients without Origin/Sec-Fetch-Site (curl) keep working. The route table the proxy reads is
 * checked against the route modules themselves.
 */
import { readdirSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy } from '../../proxy';
import { API_ROUTES } from '../../lib/http/api-routes';
import { installTraceGuard } from '../../lib/http/refuse-trace';
import { useTempEnv } from '../helpers/temp-env';

const APP_API = path.resolve(import.meta.dirname, '../../app/api');
const TOKEN = 'A'.repeat(32);
const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : [],
  );
}

const call = (pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  proxy(new NextRequest(`http://localhost:3000${pathname}`, { method: init.method ?? 'GET', headers: { host: 'localhost:3000', ...init.headers }, body: init.body }));

/** The proxy let the request through to its route. */
const passed = (res: Response) => res.headers.get('x-middleware-next') === '1';

beforeAll(async () => {
  await useTempEnv();
});

describe('the route table', () => {
  it('lists every route module with exactly the methods it exports', async () => {
    const found = await Promise.all(
      routeFiles(APP_API).map(async (file) => {
        const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        const route = `/api/${path.relative(APP_API, path.dirname(file)).split(path.sep).join('/')}`;
        return { path: route, methods: HTTP_METHODS.filter((m) => typeof mod[m] === 'function') };
      }),
    );
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(API_ROUTES.map((r) => ({ path: r.path, methods: [...r.methods].sort() })).sort(byPath)).toEqual(
      found.map((r) => ({ ...r, methods: r.methods.sort() })).sort(byPath),
    );
  });
});

describe('malformed paths and unsupported methods', () => {
  it.each(['/api/feed/%FF', `/api/profiles/%ED%A0%80`, '/api/feed/%E0%A4%A', '/api/opml/%C0%AF'])('%s is a 400 JSON naming the path', async (pathname) => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = call(pathname, { method, headers: { 'content-type': 'application/json' }, body: method === 'PUT' ? '{}' : undefined });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/Malformed URL path/), issues: [{ path: '(path)' }] });
    }
  });

  it('a page path that does not decode is the same 400, before the page renders', async () => {
    const res = call('/day/%FF');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Malformed URL path/);
  });

  it.each([
    ['POST', '/api/feed', 'GET, HEAD, OPTIONS'],
    ['DELETE', `/api/feed/${TOKEN}`, 'GET, HEAD, OPTIONS'],
    ['PATCH', `/api/profiles/${TOKEN}`, 'DELETE, GET, HEAD, OPTIONS, PUT'],
    ['GET', '/api/profiles', 'OPTIONS, POST'],
    ['PUT', '/api/cron/summarize', 'GET, HEAD, OPTIONS'],
    ['PROPFIND', '/api/health', 'GET, HEAD, OPTIONS'],
  ])('%s %s is a 405 with Allow: %s', async (method, pathname, allow) => {
    const res = call(pathname, { method, headers: { 'content-type': 'application/json' }, body: ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await res.json()).error).toContain(`${method} is not supported`);
  });

  it('served methods, HEAD and OPTIONS, and unknown paths pass through', () => {
    for (const [method, pathname] of [['GET', '/api/feed'], ['HEAD', `/api/feed/${TOKEN}`], ['OPTIONS', '/api/profiles'], ['GET', '/api/nope']]) expect(passed(call(pathname!, { method }))).toBe(true);
  });
});

describe('cross-site writes to saved profiles', () => {
  const json = { 'content-type': 'application/json' };
  const body = '{"categories":["cs.LG"]}';

  it('a text/plain POST from evil.example is refused (403), whatever its type', async () => {
    for (const type of ['text/plain', 'application/json']) {
      const res = call('/api/profiles', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': type }, body });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatch(/evil\.example.*may not change saved profiles/);
    }
  });

  it.each([
    ['POST', '/api/profiles'],
    ['PUT', `/api/profiles/${TOKEN}`],
    ['DELETE', `/api/profiles/${TOKEN}`],
    ['POST', `/api/profiles/${TOKEN}/feedback`],
  ])('%s %s: Sec-Fetch-Site cross-site, a foreign or null Origin → 403', (method, pathname) => {
    const refused: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://localhost:3000.evil.example' }];
    for (const headers of refused)
      expect(call(pathname, { method, headers: { ...json, ...headers }, body: method === 'DELETE' ? undefined : body }).status).toBe(403);
  });

  it('same-origin browser writes and curl (no Origin, no Sec-Fetch-Site) pass', () => {
    const sameOrigin = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };
    expect(passed(call('/api/profiles', { method: 'POST', headers: { ...json, ...sameOrigin }, body }))).toBe(true);
    // Behind a TLS proxy the server may see http while the browser says https: the host decides.
    expect(passed(call('/api/profiles', { method: 'POST', headers: { ...json, origin: 'https://localhost:3000' }, body }))).toBe(true);
    expect(passed(call(`/api/profiles/${TOKEN}`, { method: 'PUT', headers: { 'content-type': 'application/json; charset=utf-8' }, body }))).toBe(true);
    expect(passed(call(`/api/profiles/${TOKEN}`, { method: 'DELETE' }))).toBe(true);
  });

  it('a write whose body is not JSON is a 415, also from curl', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const res = call('/api/profiles', { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
      expect(res.status).toBe(415);
      expect((await res.json()).error).toMatch(/must be JSON/);
    }
  });

  it('PUBLIC_BASE_URL is an own origin too', async () => {
    await useTempEnv({ PUBLIC_BASE_URL: 'https://feeds.example.org' });
    try {
      expect(passed(call('/api/profiles', { method: 'POST', headers: { ...json, origin: 'https://feeds.example.org' }, body }))).toBe(true);
      expect(call('/api/profiles', { method: 'POST', headers: { ...json, origin: 'https://evil.example' }, body }).status).toBe(403);
    } finally {
      await useTempEnv();
    }
  });
});

describe('TRACE', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    installTraceGuard();
    // Stands in for Next.js: it builds a Web Request for every request, which throws for TRACE.
    server = createServer((req, res) => {
      try {
        new Request(`http://localhost${req.url}`, { method: req.method });
        res.writeHead(200).end('ok');
      } catch {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = (method: string, pathname: string) =>
    new Promise<{ status: number; allow: string | undefined; type: string | undefined; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path: pathname }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.end();
    });

  it.each([
    ['/api/profiles/x', 'DELETE, GET, HEAD, OPTIONS, PUT'],
    ['/api/feed?cats=cs.LG', 'GET, HEAD, OPTIONS'],
    ['/', 'GET, HEAD, OPTIONS'],
  ])('TRACE %s is a 405 JSON with Allow: %s', async (pathname, allow) => {
    const res = await send('TRACE', pathname);
    expect(res.status).toBe(405);
    expect(res.allow).toBe(allow);
    expect(res.type).toMatch(/^application\/json/);
    expect(JSON.parse(res.body).error).toMatch(/TRACE is not supported/);
  });

  it('other methods still reach the server', async () => {
    expect((await send('GET', '/api/feed')).status).toBe(200);
  });
});
