/**
 * The cron secret is compared in constant time over fixed-length digests, and every cron route
 * reaches that comparison: node:crypto's timingSafeEqual is wrapped in a spy, then each route is
 * called with the right and a wrong secret (of another length too).
 */
import type * as Crypto from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetStore } from '../../lib/store/open-store';
import { callRoute, type RouteName } from './helpers/call-route';
import { useTempEnv } from '../helpers/temp-env';

const calls = vi.hoisted(() => [] as { a: number; b: number }[]);
vi.mock('node:crypto', async (importActual) => {
  const actual = await importActual<typeof Crypto>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    calls.push({ a: a.byteLength, b: b.byteLength });
    return actual.timingSafeEqual(a, b);
  };
  return { ...actual, default: { ...actual, timingSafeEqual }, timingSafeEqual };
});

const SECRET = 'constant-time-secret-0123456789';
const ROOT = path.resolve(import.meta.dirname, '../..');
const CRON_ROUTES = readdirSync(path.join(ROOT, 'app/api/cron')).map((d) => `GET /api/cron/${d}` as RouteName);

afterAll(async () => {
  await resetStore();
});

describe.each(CRON_ROUTES)('%s compares the secret in constant time', (route) => {
  beforeEach(async () => {
    calls.length = 0;
    // No arXiv or LLM reachable: the authorised call may fail upstream, which is fine here.
    await useTempEnv({ CRON_SECRET: SECRET, ARXIV_RSS_URL: 'http://127.0.0.1:9/rss', ARXIV_API_URL: 'http://127.0.0.1:9/api', ARXIV_TIMEOUT_MS: '200', ARXIV_MIN_INTERVAL_MS: '0' });
  });

  it.each([['a wrong secret of the same length', 'x'.repeat(SECRET.length)], ['a prefix of the secret', SECRET.slice(0, 5)], ['the secret and more', `${SECRET}!`]])(
    'refuses %s after one digest comparison of equal lengths',
    async (_what, presented) => {
      const res = await callRoute(route, { headers: { authorization: `Bearer ${presented}` } });
      expect(res.status).toBe(401);
      expect(calls).toEqual([{ a: 32, b: 32 }]);
    },
  );

  it('accepts the right secret through the same comparison', async () => {
    const res = await callRoute(route, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(res.status).not.toBe(401);
    expect(calls[0]).toEqual({ a: 32, b: 32 });
  });
});
