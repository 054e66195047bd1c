/**
 * Access:
 * - every cron route refuses (401, JSON) without the header, with a wrong secret, with a secret of
 *   another length, with the secret anywhere but the Bearer header, and while CRON_SECRET is
 *   unset — before touching the store (a dead store still answers 401, not 503);
 * - (the constant-time comparison is checked in cron-auth-constant-time.test.ts);
 * - no endpoint fetches a URL a user supplied: outbound requests exist only in an allow-listed
 *   set of files whose URLs come from env, and a canary server named in every parameter, body
 *   field and header of every route is never contacted.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { ingestRequestedCategories } from '../../lib/jobs/ingest/ingest-requested';
import { getStore, resetStore } from '../../lib/store/open-store';
import { callRoute, ROUTES, type RouteName } from './helpers/call-route';
import { startCountingServer, type CountingServer } from './helpers/counting-server';
import { tempDir, useTempEnv } from '../helpers/temp-env';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'the-right-cron-secret-42';
const CRON_ROUTES = (Object.keys(ROUTES) as RouteName[]).filter((r) => r.includes('/api/cron/'));

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : listFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [full] : [];
  });
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');
const sourceFiles = () =>
  [...listFiles(path.join(ROOT, 'app')), ...listFiles(path.join(ROOT, 'lib')), ...listFiles(path.join(ROOT, 'scripts'))]
    .concat(['proxy.ts', 'instrumentation.ts', 'next.config.mjs'].map((f) => path.join(ROOT, f)).filter((f) => { try { return statSync(f).isFile(); } catch { return false; } }));

/** Block and line comments out, so prose about "the background fetch" is not a call. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

afterAll(async () => {
  await resetStore();
});

describe('cron routes refuse every call without the right Bearer secret', () => {
  it('covers every cron route in app/api/cron', () => {
    const onDisk = readdirSync(path.join(ROOT, 'app/api/cron')).map((d) => `GET /api/cron/${d}`).sort();
    expect(CRON_ROUTES.sort()).toEqual(onDisk);
  });

  const WRONG: [string, Record<string, string>, string?][] = [
    ['no Authorization header', {}],
    ['a wrong secret of the same length', { authorization: `Bearer ${'x'.repeat(SECRET.length)}` }],
    ['a shorter secret (a prefix)', { authorization: `Bearer ${SECRET.slice(0, -1)}` }],
    ['a longer secret', { authorization: `Bearer ${SECRET}x` }],
    ['an empty Bearer', { authorization: 'Bearer ' }],
    ['the secret without the Bearer scheme', { authorization: SECRET }],
    ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from(`u:${SECRET}`).toString('base64')}` }],
    ['the secret in a custom header', { 'x-cron-secret': SECRET }],
    ['the secret in the query string', {}, `secret=${SECRET}&cron_secret=${SECRET}&token=${SECRET}`],
    ['a second header line with the secret', { authorization: `Bearer wrong, Bearer ${SECRET}` }],
  ];

  describe.each(CRON_ROUTES)('%s', (route) => {
    beforeAll(async () => {
      // A dead store: the refusal must come before any store access (401, not 503).
      const dir = tempDir();
      writeFileSync(path.join(dir, 'file'), 'x');
      await useTempEnv({ CRON_SECRET: SECRET, DATA_DIR: path.join(dir, 'file', 'data') });
    });

    it.each(WRONG)('401 with %s', async (_what, headers, query) => {
      const res = await callRoute(route, { headers, query });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(typeof JSON.parse(text).error).toBe('string');
      expect(text).not.toContain(SECRET);
    });

    it('401 while CRON_SECRET is unset, whatever is sent (also self-hosted)', async () => {
      await useTempEnv({ CRON_SECRET: undefined });
      for (const authorization of ['', 'Bearer ', 'Bearer undefined', 'Bearer null', `Bearer ${SECRET}`]) {
        const res = await callRoute(route, { headers: authorization ? { authorization } : {} });
        expect(res.status, authorization).toBe(401);
        expect((await res.json()).error).toMatch(/CRON_SECRET/);
      }
    });
  });

});

describe('no endpoint fetches a URL a user supplied', () => {
  /** Files allowed to make outbound requests, and why their URLs are not user-controlled. */
  const OUTBOUND_ALLOWED: Record<string, string> = {
    'lib/arxiv/fetch-arxiv.ts': 'arXiv only; URLs built by lib/arxiv/arxiv-urls.ts from ARXIV_RSS_URL / ARXIV_API_URL',
    'lib/arxiv/fetch-paper-file.ts': 'arXiv only; paper bodies at ARXIV_HTML_URL / ARXIV_PDF_URL + a stored paper id and version',
    'app/_components/use-profile-actions.ts': "browser code calling this app's own /api/profiles (relative paths)",
    'app/_components/use-feedback-request.ts': "browser code calling this app's own /api/profiles/<token>/feedback (relative paths)",
    'lib/profiles/feedback-page.ts': "the feedback page's browser script, posting to the page's own form action (this app's /api/profiles/<token>/feedback; connect-src 'self')",
  };

  it('only allow-listed files make outbound requests', () => {
    // The bench, the load run and the test stand-ins only ever request the local servers they started.
    const callers = sourceFiles().filter((f) => !/^scripts\/(bench|support|load)\/|^scripts\/load-run\.ts$/.test(rel(f))).filter((f) =>
      /(?<![\w.])fetch\s*\(|\?\?\s*fetch\)|\bhttps?\.(get|request)\(|new\s+WebSocket\(/.test(withoutComments(readFileSync(f, 'utf8'))),
    );
    expect(callers.map(rel).sort()).toEqual(Object.keys(OUTBOUND_ALLOWED).sort());
  });

  it('arXiv and LLM base URLs come from env only', () => {
    const files = sourceFiles().map((f) => [rel(f), readFileSync(f, 'utf8')] as const);
    for (const [file, text] of files.filter(([, t]) => /\bfetchArxiv\(/.test(t) && !/export async function fetchArxiv/.test(t))) {
      // Each caller builds its URL with rssUrl(…ARXIV_RSS_URL…) or apiQueryUrl(…apiUrl/ARXIV_API_URL…).
      expect(text, file).toMatch(/rssUrl\(env\.ARXIV_RSS_URL|apiQueryUrl\(input\.apiUrl|apiQueryUrl\(env\.ARXIV_API_URL|apiIdListUrl\(apiBase, batch\)/);
    }
    // Papers by id: the API base comes from env; the ids are validated arXiv ids, never a URL.
    const byIdCallers = files.filter(([, t]) => /\bfetchPapersById\(/.test(t) && !/function fetchPapersById\(/.test(t));
    expect(byIdCallers.length).toBeGreaterThan(0);
    for (const [file, text] of byIdCallers) expect(text, file).toMatch(/fetchPapersById\([^)]*env\.ARXIV_API_URL/);
    const apiUrlCallers = files.filter(([, t]) => /\brunBackfill\(/.test(t) && !/function runBackfill\(/.test(t));
    expect(apiUrlCallers.length).toBeGreaterThan(0);
    for (const [file, text] of apiUrlCallers) expect(text, file).toMatch(/apiUrl:\s*env\.ARXIV_API_URL/);
    const openai = files.filter(([, t]) => /new OpenAI\(/.test(t));
    expect(openai.length).toBeGreaterThan(0);
    for (const [file, text] of openai) expect(text, file).toMatch(/baseURL:\s*(env\.EMBEDDINGS_BASE_URL \?\? )?env\.OPENAI_BASE_URL/);
    // Route handlers never call fetch themselves.
    for (const [file, text] of files.filter(([f]) => f.startsWith('app/api/'))) expect(text, file).not.toMatch(/\bfetch\s*\(/);
  });

  describe('a canary URL in every input is never contacted', () => {
    let canary: CountingServer;
    let arxiv: CountingServer;
    let llm: CountingServer;
    beforeAll(async () => {
      canary = await startCountingServer((_req, res) => res.writeHead(200).end('<rss/>'));
      arxiv = await startCountingServer((_req, res) => res.writeHead(503, { 'retry-after': '0' }).end('down for maintenance'));
      llm = await startCountingServer((_req, res) => res.writeHead(503).end('{}'));
      await useTempEnv({
        CRON_SECRET: SECRET,
        ARXIV_RSS_URL: `${arxiv.url}/rss`,
        ARXIV_API_URL: `${arxiv.url}/api/query`,
        ARXIV_MIN_INTERVAL_MS: '0',
        ARXIV_TIMEOUT_MS: '2000',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `${llm.url}/v1`,
      });
    });
    afterAll(async () => {
      await Promise.all([canary?.close(), arxiv?.close(), llm?.close()]);
    });

    it('feeds, profiles, OPML, health and cron never request a user-supplied URL', async () => {
      const u = `${canary.url}/x`;
      const enc = encodeURIComponent(u);
      const host = canary.url.replace('http://', '');
      const headers = { 'x-forwarded-host': host, 'x-forwarded-proto': 'http', referer: u, origin: canary.url, 'x-forwarded-for': '10.9.9.9' };
      const query = ['cats', 'q', 'exclude', 'authors', 'format', 'language', 'url', 'feed', 'callback', 'redirect', 'source', 'token']
        .map((p) => `${p}=${enc}`).join('&');
      const body = JSON.stringify({ categories: ['cs.LG'], keywords: [u], exclude: [u], authors: [u], url: u, feed: u, callback: u, webhook: u });
      for (const route of Object.keys(ROUTES) as RouteName[]) {
        const auth: Record<string, string> = route.includes('/cron/') ? { authorization: `Bearer ${SECRET}` } : {};
        const res = await callRoute(route, { query, token: u, headers: { ...headers, ...auth }, ...(/^(POST|PUT)/.test(route) && { body }) });
        // arXiv and the LLM are down here: a cron run may answer 502; nothing else is a server error.
        const allowed = route.includes('/cron/ingest') ? [200, 502] : route.includes('/cron/') ? [200] : [200, 201, 400, 404];
        expect(allowed, `${route} answered ${res.status}`).toContain(res.status);
        await res.arrayBuffer();
      }
      // A valid profile whose fields hold URLs, then its feed and OPML.
      const profileBody = JSON.stringify({ categories: ['cs.LG'], keywords: [u], exclude: [u], authors: [u] });
      const created = await callRoute('POST /api/profiles', { body: profileBody, headers });
      expect(created.status).toBe(201);
      const { token } = await created.json();
      for (const name of ['GET /api/feed/[token]', 'GET /api/profiles/[token]'] as RouteName[]) await (await callRoute(name, { token, headers })).arrayBuffer();
      await (await callRoute('GET /api/opml', { query: `token=${token}`, headers })).arrayBuffer();
      // A valid category nobody ingests yet, then the after-response on-demand fetch it triggers.
      await (await callRoute('GET /api/feed', { query: `cats=quant-ph&q=${enc}`, headers })).arrayBuffer();
      const arxivBefore = arxiv.hits.length;
      await ingestRequestedCategories({ store: await getStore(), env: { ...getEnv(), DISABLE_AUTO_INGEST: false } });
      expect(arxiv.hits.slice(arxivBefore).map((h) => h.url)).toEqual(expect.arrayContaining([expect.stringMatching(/^\/rss\/quant-ph/)]));

      expect(canary.hits).toEqual([]);
      // The cron ingest did go out — to the arXiv base URL from env, nowhere else.
      expect(arxiv.hits.length).toBeGreaterThan(0);
      for (const hit of arxiv.hits) expect(hit.url).toMatch(/^\/(rss|api\/query)/);
    }, 30_000);
  });
});
