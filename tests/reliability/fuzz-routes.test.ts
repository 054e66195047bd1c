/**
 * Property-based fuzzing of every public route that takes user input (issue 7 "Input and
 * access"): /api/feed, /api/feed/<token>, POST /api/profiles, GET/PUT/DELETE /api/profiles/<token>,
 * /api/opml. Whatever arrives, the answer is 2xx/3xx/4xx — a 4xx always with a JSON `{error}` —
 * never 5xx; Object.prototype stays unpolluted; bodies and lists are capped (1 MB → 413).
 * Fixed seeds and bounded runs keep CI deterministic and fast.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getStore, resetStore } from '../../lib/store/open-store';
import { callRoute, type CallOptions, type RouteName } from './helpers/call-route';
import { hostileBody, hostileQuery, hostileToken } from './helpers/hostile-input';
import { syntheticDay } from './helpers/synthetic-papers';
import { useTempEnv } from '../helpers/temp-env';

const SEED = 20_251_218;
const PROTO_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();
let validToken = '';
/** Longer than any rate-limit window. */
const CLOCK_STEP_MS = 24 * 3600 * 1000;
let stepsAhead = 0;
/**
 * Every create in a rate-limit window of its own, so the limit does not hide the parser: the test
 * is one client (X-Forwarded-For is the client's own text and buys no new bucket), so the clock
 * moves instead, a day ahead per create, and is real again once the answer is in.
 */
async function create(options: CallOptions): Promise<Answer> {
  vi.setSystemTime(vi.getRealSystemTime() + ++stepsAhead * CLOCK_STEP_MS);
  try {
    return await answerOf('POST /api/profiles', options);
  } finally {
    vi.useRealTimers();
  }
}

type Answer = { status: number; text: string };
/** Status classes seen per route, to prove the fuzz reached the success paths as well as the refusals. */
const seen = new Map<string, Map<number, number>>();
const record = (name: string, status: number) => {
  const counts = seen.get(name) ?? new Map<number, number>();
  counts.set(status, (counts.get(status) ?? 0) + 1);
  seen.set(name, counts);
};
const classes = (name: string) => new Set([...(seen.get(name)?.keys() ?? [])].map((s) => Math.floor(s / 100)));

/** The invariant of every answer. Returns it for extra checks. */
async function answerOf(name: RouteName, options: CallOptions): Promise<Answer> {
  let res: Response;
  try {
    res = await callRoute(name, options);
  } catch (err) {
    // `new Request` refuses some URLs (a client could not send them either): not the app's answer.
    if (err instanceof TypeError && /URL|Request/i.test(err.message)) return { status: 0, text: '' };
    throw err;
  }
  const text = await res.text();
  record(name, res.status);
  const where = `${name} token=${JSON.stringify(options.token?.slice(0, 80))} query=${JSON.stringify(options.query?.slice(0, 200))} body=${JSON.stringify(typeof options.body === 'string' ? options.body.slice(0, 200) : '')}`;
  expect(res.status, `${where} → ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.status, where).toBeGreaterThanOrEqual(200);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), where).toMatch(/^application\/json/);
    expect(typeof JSON.parse(text).error, where).toBe('string');
  }
  return { status: res.status, text };
}

const fuzz = <T>(arb: fc.Arbitrary<T>, numRuns: number, check: (v: T) => Promise<unknown>) =>
  fc.assert(fc.asyncProperty(arb, async (v) => void (await check(v))), { seed: SEED, numRuns, endOnFailure: true });

beforeAll(async () => {
  await useTempEnv();
  const store = await getStore();
  for (const day of ['2025-12-17', '2025-12-18']) await store.commitDay(day, syntheticDay(day, 6));
  const created = await create({ body: JSON.stringify({ categories: ['cs.LG', 'cs.AI'], keywords: ['attention'] }) });
  expect(created.status).toBe(201);
  validToken = JSON.parse(created.text).token;
});

afterAll(async () => {
  console.info('[fuzz-routes] statuses per route:', JSON.stringify(Object.fromEntries([...seen].map(([n, c]) => [n, Object.fromEntries(c)]))));
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_BEFORE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  await resetStore();
});

describe('fuzz: query strings', () => {
  it('GET /api/feed never answers 5xx (600 runs)', async () => {
    await fuzz(hostileQuery, 600, (query) => answerOf('GET /api/feed', { query }));
    expect(classes('GET /api/feed')).toEqual(new Set([2, 4]));
  });

  it('GET /api/feed/<token> never answers 5xx (400 runs, half on a real profile)', async () => {
    await fuzz(fc.tuple(fc.oneof(fc.constant('valid'), hostileToken), hostileQuery), 400, ([token, query]) =>
      answerOf('GET /api/feed/[token]', { token: token === 'valid' ? validToken : token, query }),
    );
    expect(classes('GET /api/feed/[token]')).toEqual(new Set([2, 4]));
  });

  it('GET /api/opml never answers 5xx (400 runs, with and without token)', async () => {
    const withToken = fc.tuple(fc.oneof(fc.constant(null), fc.constant('valid'), hostileToken), hostileQuery).map(([token, query]) =>
      token === null ? query : `token=${encodeURIComponent((token === 'valid' ? validToken : token).toWellFormed())}&${query}`,
    );
    await fuzz(withToken, 400, (query) => answerOf('GET /api/opml', { query }));
    expect(classes('GET /api/opml')).toEqual(new Set([2, 4]));
  });
});

describe('fuzz: profile bodies and tokens', () => {
  it('POST /api/profiles never answers 5xx (600 runs)', async () => {
    await fuzz(hostileBody, 600, (body) => create({ body }));
    expect(classes('POST /api/profiles')).toEqual(new Set([2, 4]));
    expect(seen.get('POST /api/profiles')?.get(201)).toBeGreaterThan(20);
  });

  it('GET/PUT/DELETE /api/profiles/<token> never answer 5xx (400 runs)', async () => {
    const call = fc.tuple(fc.constantFrom('GET', 'PUT', 'DELETE'), fc.oneof(fc.constant('valid'), hostileToken), hostileBody);
    await fuzz(call, 400, async ([method, token, body]) => {
      // Deleting the real profile would end the run's coverage of it: only unknown tokens are deleted.
      const t = token === 'valid' ? (method === 'DELETE' ? 'A'.repeat(32) : validToken) : token;
      const name = `${method} /api/profiles/[token]` as RouteName;
      return answerOf(name, { token: t, ...(method === 'PUT' && { body }) });
    });
    expect(seen.get('PUT /api/profiles/[token]')?.has(200)).toBe(true);
  });

  it('keeps Object.prototype clean after pollution attempts', async () => {
    for (const body of ['{"categories":["cs.LG"],"__proto__":{"polluted":"yes"}}', '{"categories":["cs.LG"],"constructor":{"prototype":{"polluted":"yes"}}}']) {
      await create({ body });
      await answerOf('PUT /api/profiles/[token]', { token: validToken, body });
    }
    await answerOf('GET /api/feed', { query: '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&cats=cs.LG' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_BEFORE);
  });
});

describe('size caps', () => {
  const oneMegabyte = JSON.stringify({ categories: ['cs.LG'], keywords: ['x'.repeat(1024 * 1024)] });

  it('refuses a 1 MB body with 413 (POST and PUT), whatever Content-Length says', async () => {
    expect((await create({ body: oneMegabyte })).status).toBe(413);
    expect((await answerOf('PUT /api/profiles/[token]', { token: validToken, body: oneMegabyte })).status).toBe(413);
    // A lying Content-Length does not help: the stream is counted.
    const lying = await create({ body: oneMegabyte, headers: { 'content-length': '10' } });
    expect([400, 413]).toContain(lying.status);
  });

  it('refuses long lists and huge queries with 400', async () => {
    const manyCats = `cats=${Array(500).fill('cs.LG').join(',')}`;
    expect((await answerOf('GET /api/feed', { query: `cats=${Array(21).fill(0).map((_, i) => (i % 2 ? 'cs.LG' : 'cs.AI')).join(',')}` })).status).toBeLessThan(500);
    expect((await answerOf('GET /api/feed', { query: manyCats })).status).toBe(400);
    expect((await answerOf('GET /api/feed', { query: `q=${Array.from({ length: 51 }, (_, i) => `k${i}`).join(',')}` })).status).toBe(400);
    expect((await answerOf('GET /api/feed', { query: `q=${'a'.repeat(100_000)}` })).status).toBe(400);
    expect((await create({ body: JSON.stringify({ categories: ['cs.LG'], keywords: Array(51).fill(0).map((_, i) => `k${i}`) }) })).status).toBe(400);
    expect((await answerOf('GET /api/opml', { query: `q=${'a'.repeat(100_000)}` })).status).toBe(400);
  });
});
