/**
 * A Vercel deployment without Redis or Upstash: the embedded store is refused even where its
 * folder is writable (/tmp is, but per instance), and every route says so as a setup error with
 * the fix (500, JSON, no Retry-After), never as an outage to wait out (503 "unreachable").
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EnvError, getEnv } from '../../lib/env';
import { toHttpError } from '../../lib/errors';
import { chooseBackend, resetStore, VERCEL_STORE_DOCS_URL, VERCEL_STORE_FIX } from '../../lib/store/open-store';
import { callRoute, type CallOptions, type RouteName } from '../reliability/helpers/call-route';
import { tempDir, useTempEnv } from '../helpers/temp-env';

const SECRET = 'deploy-cron-secret-000000001';
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const PROFILE = JSON.stringify({ categories: ['cs.LG'], keywords: ['sparse attention'] });

const CASES: [RouteName, CallOptions][] = [
  ['GET /api/feed', {}],
  ['GET /api/feed', { query: 'cats=cs.LG&format=atom' }],
  ['GET /api/feed/[token]', { token: TOKEN, query: 'format=json' }],
  ['POST /api/profiles', { body: PROFILE }],
  ['GET /api/profiles/[token]', { token: TOKEN }],
  ['PUT /api/profiles/[token]', { token: TOKEN, body: PROFILE }],
  ['DELETE /api/profiles/[token]', { token: TOKEN }],
  ['GET /api/opml', { query: `token=${TOKEN}` }],
  ['GET /api/categories', {}],
  ['GET /api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }],
  ['GET /api/cron/summarize', { headers: { authorization: `Bearer ${SECRET}` } }],
];

afterAll(async () => {
  await resetStore();
});

describe('chooseBackend on Vercel', () => {
  const refusal = (vars: Record<string, string | undefined>) => {
    try {
      chooseBackend(getEnv({ VERCEL: '1', ...vars }));
    } catch (err) {
      return err;
    }
    return null;
  };

  it.each([{}, { DATA_DIR: '/tmp/arxiv-feeds' }, { STORE_BACKEND: 'embedded' }, { STORE_BACKEND: 'embedded', DATA_DIR: '/tmp/x' }])(
    'refuses the embedded store (%j) with the fix',
    (vars) => {
      const err = refusal(vars);
      expect(err).toBeInstanceOf(EnvError);
      expect((err as EnvError).fix).toBe(VERCEL_STORE_FIX);
      expect((err as EnvError).variables).toEqual(['KV_REST_API_URL', 'KV_REST_API_TOKEN', 'REDIS_URL']);
      expect((err as Error).message).not.toContain('/tmp');
    },
  );

  it('takes Upstash or Redis as usual, and the embedded store off Vercel', () => {
    expect(chooseBackend(getEnv({ VERCEL: '1', KV_REST_API_URL: 'https://a.upstash.io', KV_REST_API_TOKEN: 't' }))).toMatchObject({ backend: 'vercel-kv' });
    expect(chooseBackend(getEnv({ VERCEL: '1', REDIS_URL: 'rediss://r.example.com:6379' }))).toMatchObject({ backend: 'redis' });
    expect(chooseBackend(getEnv({ DATA_DIR: '/tmp/x' }))).toEqual({ backend: 'embedded', dataDir: '/tmp/x' });
  });

  it('maps to a 500 that shows the message and the fix, without Retry-After', () => {
    const mapped = toHttpError(refusal({}));
    expect(mapped.status).toBe(500);
    expect(mapped.headers).toEqual({});
    expect(mapped.body).toMatchObject({ fix: VERCEL_STORE_FIX, docs: VERCEL_STORE_DOCS_URL });
    expect(mapped.body.error).toMatch(/^Server misconfigured: No shared store is configured/);
  });

  it('keeps other env errors terse: no fix means the message stays in the log', () => {
    const mapped = toHttpError(new EnvError('PROFILE_CONFIG: cannot read /srv/secret/profile.json as JSON'));
    expect(mapped.body).toEqual({ error: 'Server misconfigured: PROFILE_CONFIG is invalid (details in the server log)', variables: ['PROFILE_CONFIG'] });
  });
});

describe('every route on Vercel with no store configured (DATA_DIR writable, as /tmp is)', () => {
  let logged: string[] = [];
  beforeAll(() => {
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it.each(CASES)('%s answers 500 JSON naming the fix, no Retry-After', async (name, options) => {
    await useTempEnv({ VERCEL: '1', DATA_DIR: tempDir('af-vercel-'), CRON_SECRET: SECRET });
    const res = await callRoute(name, options);
    const text = await res.text();
    expect(res.status, `${name} → ${text.slice(0, 200)}`).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expect(body.fix).toBe(VERCEL_STORE_FIX);
    expect(body.docs).toBe(VERCEL_STORE_DOCS_URL);
    expect(body.error).not.toMatch(/unreachable|try again/i);
  });

  it('logs one line per request with the fix, not a stack', async () => {
    await useTempEnv({ VERCEL: '1' });
    logged = [];
    await callRoute('GET /api/feed');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^\[arxiv-feeds\] Server misconfigured: No shared store is configured/);
    expect(logged[0]).toContain(`Fix: ${VERCEL_STORE_FIX}`);
    expect(logged[0]).not.toContain('    at ');
  });

  it('GET /api/health says misconfigured with the same fix (not "unreachable")', async () => {
    await useTempEnv({ VERCEL: '1', DATA_DIR: '/tmp' });
    const res = await callRoute('GET /api/health');
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(body).toMatchObject({ status: 'misconfigured', fix: VERCEL_STORE_FIX, docs: VERCEL_STORE_DOCS_URL });
    expect(body.problems.join(' ')).toContain('KV_REST_API_URL');
  });

  it('a cron call without the secret is still 401 before anything else', async () => {
    await useTempEnv({ VERCEL: '1', CRON_SECRET: SECRET });
    expect((await callRoute('GET /api/cron/ingest')).status).toBe(401);
  });
});
