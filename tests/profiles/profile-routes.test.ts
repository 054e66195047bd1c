/**
 * Saved profiles over HTTP: the route handlers imported and called with Request objects on a
 * temp embedded store. Lifecycle, token format/entropy, 400/404/413/429 paths.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE, GET, PUT } from '../../app/api/profiles/[token]/route';
import { POST } from '../../app/api/profiles/route';
import { GET as FEED } from '../../app/api/feed/[token]/route';
import { newProfileToken, PROFILE_TOKEN_PATTERN } from '../../lib/profiles/profile-token';
import { assertMayCreate, MAX_PROFILE_BODY_BYTES, PROFILE_CREATE_LIMIT } from '../../lib/profiles/saved-profiles';
import { getStore } from '../../lib/store/open-store';
import { RateLimitedError } from '../../lib/errors';
import { storeSeedDay, useProfileEnv } from './profile-env';

const ORIGIN = 'http://localhost:3000';
let ip = 0;
/**
 * Each test posts from its own address so the rate limit only bites where a test wants it: the
 * server runs behind one trusted proxy (TRUST_PROXY=1), which appends the address it saw to
 * whatever the client wrote.
 */
const BEHIND_ONE_PROXY = { TRUST_PROXY: '1' };
const post = (body: unknown, address = `10.0.0.${++ip}`) =>
  POST(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.66, ${address}` } }));
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const get = (token: string) => GET(new Request(`${ORIGIN}/api/profiles/${token}`), ctx(token));
const put = (token: string, body: unknown) =>
  PUT(new Request(`${ORIGIN}/api/profiles/${token}`, { method: 'PUT', body: JSON.stringify(body) }), ctx(token));
const del = (token: string) => DELETE(new Request(`${ORIGIN}/api/profiles/${token}`, { method: 'DELETE' }), ctx(token));
const feed = (token: string, qs = '') => FEED(new Request(`${ORIGIN}/api/feed/${token}${qs}`), ctx(token));

const PROFILE = { categories: ['cs.LG', 'cs.CL'], keywords: ['RLHF', 'quantization', '"kv cache"'], exclude: ['survey'], min_score: 1, limit: 10 };

beforeAll(async () => {
  await useProfileEnv(BEHIND_ONE_PROXY);
  await storeSeedDay();
});

describe('profile lifecycle', () => {
  it('POST 201 → GET → PUT → feed by token → DELETE → 404', async () => {
    const created = await post(PROFILE);
    expect(created.status).toBe(201);
    const { token, urls, profile } = await created.json();
    expect(token).toMatch(PROFILE_TOKEN_PATTERN);
    expect(urls).toEqual({
      rss: `${ORIGIN}/api/feed/${token}?format=rss`,
      atom: `${ORIGIN}/api/feed/${token}?format=atom`,
      json: `${ORIGIN}/api/feed/${token}?format=json`,
      opml: `${ORIGIN}/api/opml?token=${token}`,
      edit: `${ORIGIN}/?profile=${token}`,
    });
    expect(created.headers.get('location')).toBe(`${ORIGIN}/api/profiles/${token}`);
    expect(profile).toMatchObject({ ...PROFILE, authors: [], types: ['new', 'cross'], days: 1 });

    const read = await get(token);
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect((await read.json()).profile).toEqual(profile);

    const replaced = await put(token, { ...PROFILE, keywords: ['LLM', 'training'], min_score: 0 });
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).profile.keywords).toEqual(['LLM', 'training']);
    expect((await (await get(token)).json()).profile.keywords).toEqual(['LLM', 'training']);

    const served = await feed(token, '?format=json');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect(served.headers.get('cache-control')).toMatch(/^public, max-age=300/);
    const items = (await served.json()).items as { _arxiv?: unknown; url: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(10);
    expect((await feed(token)).headers.get('content-type')).toContain('application/rss+xml');
    expect((await feed(token, '?format=atom')).headers.get('content-type')).toContain('application/atom+xml');

    expect((await del(token)).status).toBe(204);
    expect((await get(token)).status).toBe(404);
    expect((await feed(token)).status).toBe(404);
    expect((await del(token)).status).toBe(404);
    expect((await put(token, PROFILE)).status).toBe(404);
  });

  it('the token feed narrows to one of the profile\'s own categories, and refuses others', async () => {
    const { token } = await (await post({ categories: ['cs.LG', 'cs.CL'], limit: 500 })).json();
    const all = (await (await feed(token, '?format=json')).json()).items.length;
    const lg = (await (await feed(token, '?format=json&cats=cs.LG')).json()).items.length;
    expect(lg).toBeGreaterThan(0);
    expect(lg).toBeLessThan(all);
    const other = await feed(token, '?cats=cs.DC');
    expect(other.status).toBe(400);
    expect((await other.json()).issues[0].path).toBe('cats.0');
    expect((await feed(token, '?format=pdf')).status).toBe(400);
  });

  it('stores the bare profile, so ingest and the preview read it with ProfileSchema', async () => {
    const { token } = await (await post(PROFILE)).json();
    const raw = JSON.parse((await (await getStore()).getProfile(token))!);
    expect(raw.categories).toEqual(PROFILE.categories);
    expect(Object.keys(raw).sort()).toEqual(['authors', 'categories', 'days', 'exclude', 'keywords', 'limit', 'min_score', 'types']);
  });

  it('builds URLs on PUBLIC_BASE_URL when set', async () => {
    await useProfileEnv({ ...BEHIND_ONE_PROXY, PUBLIC_BASE_URL: 'https://feeds.example.org' });
    const { token, urls } = await (await post(PROFILE)).json();
    expect(urls.rss).toBe(`https://feeds.example.org/api/feed/${token}?format=rss`);
    await useProfileEnv(BEHIND_ONE_PROXY);
    await storeSeedDay();
  });
});

describe('tokens', () => {
  it('malformed → 400 (never 500, never a store read); unknown well-formed → 404', async () => {
    for (const bad of ['abc', 'x'.repeat(33), `${'a'.repeat(31)}!`, '../../etc/passwd', '%00', ' '.repeat(32)]) {
      for (const res of [await get(bad), await del(bad), await put(bad, PROFILE), await feed(bad)]) {
        expect(res.status, bad).toBe(400);
        expect((await res.json()).error).not.toContain(bad.trim() || '\u0000');
      }
    }
    const unknown = newProfileToken();
    for (const res of [await get(unknown), await del(unknown), await feed(unknown)]) expect(res.status).toBe(404);
  });

  it('carries ≥ 128 bits: 32 base64url characters from 24 random bytes, 1000 of them all distinct', () => {
    const tokens = Array.from({ length: 1000 }, newProfileToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(24);
    }
    // all 64 symbols occur: a crude check that every bit varies
    const symbols = new Set(tokens.join(''));
    expect(symbols.size).toBe(64);
  });
});

describe('bad bodies', () => {
  it.each([
    [{ keywords: ['llm'] }, 'categories'],
    [{ categories: ['cs.XX'] }, 'categories.0'],
    [{ categories: ['cs.LG'], limit: 0 }, 'limit'],
    [{ categories: ['cs.LG'], min_score: -1 }, 'min_score'],
    [{ categories: ['cs.LG'], keywords: ['x'.repeat(101)] }, 'keywords.0'],
    [{ categories: ['cs.LG'], types: ['weird'] }, 'types.0'],
    [{ categories: ['cs.LG'], language: 'english!' }, 'language'],
    [{ categories: ['cs.LG'], isAdmin: true }, '(root)'],
  ])('400 naming the field: %j', async (body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it('400 for a body that is not JSON or empty', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post('')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
  });

  it('400 when the profile would take more than 4 KB', async () => {
    const big = { categories: ['cs.LG'], keywords: Array.from({ length: 50 }, (_, i) => `keyword number ${i} `.padEnd(90, 'x')) };
    const res = await post(big);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/at most 4096 are allowed/);
  });

  it('413 for an oversized body, declared or streamed', async () => {
    const huge = JSON.stringify({ categories: ['cs.LG'], pad: 'x'.repeat(MAX_PROFILE_BODY_BYTES) });
    expect((await post(huge)).status).toBe(413);
    const stream = new ReadableStream({
      pull(c) {
        c.enqueue(new TextEncoder().encode(' '.repeat(4096)));
      },
    });
    const res = await POST(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
  });
});

describe('rate limit on creation', () => {
  it(`lets ${PROFILE_CREATE_LIMIT} through per minute per client, then 429 with Retry-After`, async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 2 * PROFILE_CREATE_LIMIT + 2; i++) {
      const res = await post(PROFILE, '203.0.113.7');
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    // at most two fixed windows are crossed, so at least two requests are over the limit
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, PROFILE_CREATE_LIMIT)).toEqual(Array(PROFILE_CREATE_LIMIT).fill(201));
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // another client is not affected
    expect((await post(PROFILE, '203.0.113.8')).status).toBe(201);
  });

  it('counts per fixed window with a fixed clock', async () => {
    const store = await getStore();
    const t0 = Date.UTC(2025, 11, 5, 12, 0, 10);
    for (let i = 0; i < PROFILE_CREATE_LIMIT; i++) await assertMayCreate(store, 'clock-test', t0);
    const err = await assertMayCreate(store, 'clock-test', t0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterSeconds).toBe(50);
    await expect(assertMayCreate(store, 'clock-test', t0 + 60_000)).resolves.toBeUndefined();
  });
});
