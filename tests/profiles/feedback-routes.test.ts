/**
 * "More like this" / "Less like this" over HTTP: the route handlers called with Request objects on
 * a temp embedded store holding topical papers, and the API gate (proxy.ts) for the form POST.
 */
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as PAGE, POST as FEEDBACK } from '../../app/api/profiles/[token]/feedback/route';
import { GET, PUT } from '../../app/api/profiles/[token]/route';
import { POST as CREATE } from '../../app/api/profiles/route';
import { MAX_FEEDBACK_PAPERS } from '../../lib/model/profile';
import { newProfileToken } from '../../lib/profiles/profile-token';
import { getStore } from '../../lib/store/open-store';
import { proxy } from '../../proxy';
import { topicPaper, topicWindow } from '../score/learned-papers';
import { useProfileEnv } from './profile-env';

const ORIGIN = 'http://localhost:3000';
const DAY = '2025-01-10';
const PROFILE = { categories: ['cs.LG'] };
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const feedbackUrl = (token: string, query = '') => `${ORIGIN}/api/profiles/${token}/feedback${query}`;
const post = (token: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  FEEDBACK(new Request(feedbackUrl(token), { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers }), ctx(token));
const page = (token: string, query: string, headers: Record<string, string> = {}) => PAGE(new Request(feedbackUrl(token, query), { headers }), ctx(token));
const stored = async (token: string) => (await (await GET(new Request(`${ORIGIN}/api/profiles/${token}`), ctx(token))).json()).profile;

let ip = 0;
async function create(body: unknown = PROFILE): Promise<string> {
  const res = await CREATE(
    new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.0.${++ip}` } }),
  );
  expect(res.status).toBe(201);
  return (await res.json()).token;
}

const liked = topicPaper('serving', 1);

beforeAll(async () => {
  await useProfileEnv({ TRUST_PROXY: '1' });
  await (await getStore()).commitDay(DAY, { 'cs.LG': topicWindow(8, DAY) }, new Date(`${DAY}T01:00:00Z`));
});

describe('POST /api/profiles/<token>/feedback', () => {
  it('likes, dislikes and clears a paper, answering the counts, and trains the model', async () => {
    const token = await create();
    const more = await post(token, { id: `${liked.id}v2`, signal: 'more' });
    expect(more.status).toBe(200);
    expect(await more.json()).toMatchObject({ id: liked.id, signal: 'more', liked: 1, disliked: 0 });
    expect((await stored(token)).liked).toEqual([liked.id]);
    const model = JSON.parse((await (await getStore()).getProfileModel(token))!);
    expect(model.liked.map((s: { id: string }) => s.id)).toEqual([liked.id]);

    expect(await (await post(token, { id: liked.id, signal: 'less' })).json()).toMatchObject({ liked: 0, disliked: 1 });
    expect(await stored(token)).toMatchObject({ liked: [], disliked: [liked.id] });
    expect(await (await post(token, { id: liked.id, signal: 'clear' })).json()).toMatchObject({ liked: 0, disliked: 0 });
    expect(await (await getStore()).getProfileModel(token)).toBeNull();
  });

  it('accepts old-style ids', async () => {
    const token = await create();
    expect(await (await post(token, { id: 'hep-th/9901001', signal: 'more' })).json()).toMatchObject({ id: 'hep-th/9901001', liked: 1, notLearned: 1 });
  });

  it('refuses a malformed id or signal (400) and an unknown token (404)', async () => {
    const token = await create();
    for (const body of [{ id: '2411.177', signal: 'more' }, { id: 'arXiv:2411.17726', signal: 'more' }, { id: liked.id, signal: 'like' }, { id: liked.id }, '{'])
      expect((await post(token, body)).status, JSON.stringify(body)).toBe(400);
    expect((await post(newProfileToken(), { id: liked.id, signal: 'more' })).status).toBe(404);
    expect((await post('short', { id: liked.id, signal: 'more' })).status).toBe(400);
    expect((await stored(token)).liked).toBeUndefined();
  });

  it('keeps two clicks that arrive together', async () => {
    const token = await create();
    const ids = [topicPaper('serving', 2).id, topicPaper('serving', 3).id, topicPaper('serving', 4).id];
    await Promise.all(ids.map((id) => post(token, { id, signal: 'more' })));
    expect([...(await stored(token)).liked].sort()).toEqual([...ids].sort());
  });
});

describe('GET /api/profiles/<token>/feedback (the page a feed links to)', () => {
  it('records nothing: a prefetcher or scanner that only follows the link changes no list', async () => {
    const token = await create();
    const res = await page(token, `?id=${liked.id}&signal=more`, { purpose: 'prefetch', 'user-agent': 'LinkScanner/1.0' });
    expect(res.status).toBe(200);
    await res.text();
    expect((await stored(token)).liked).toBeUndefined();
    expect(await (await getStore()).getProfileModel(token)).toBeNull();
  });

  it('is HTML under its own nonce policy, and its script and form post to this profile', async () => {
    const token = await create();
    const res = await page(token, `?id=${liked.id}&signal=less`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|sandbox/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([`<script nonce="${nonce}">`]);
    expect(html).toContain(`action="${feedbackUrl(token, `?id=${liked.id}&amp;signal=less`)}"`);
    expect(html).toContain('method="post"');
    expect(html).toContain('name="signal" value="less"');
    expect(html).toContain('Less like this');
    // the script is a constant, unchanged by the escaping around it
    expect(html).toContain('record.requestSubmit();');
    expect((await page(token, `?id=${liked.id}&signal=more`)).headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('refuses a malformed id or signal (400, as sandboxed JSON, never HTML) and an unknown token (404)', async () => {
    const token = await create();
    for (const query of ['?id=<script>&signal=more', `?id=${liked.id}&signal=clear`, `?id=${liked.id}`, '?signal=more']) {
      const res = await page(token, query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
      expect((await res.json()).issues.length).toBeGreaterThan(0);
    }
    expect((await page(newProfileToken(), `?id=${liked.id}&signal=more`)).status).toBe(404);
  });
});

describe('the page with scripts off: a plain form POST', () => {
  const form = (token: string, signal: string, headers: Record<string, string>) =>
    new NextRequest(feedbackUrl(token, `?id=${liked.id}&signal=more`), {
      method: 'POST',
      body: `signal=${signal}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('passes the API gate from this site only, and answers the page saying what was recorded, with Undo', async () => {
    const token = await create();
    const own = form(token, 'more', { origin: ORIGIN, 'sec-fetch-site': 'same-origin' });
    expect(proxy(own).headers.get('x-middleware-next')).toBe('1');
    const res = await FEEDBACK(own, ctx(token));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`Recorded “More like this” for arXiv:${liked.id}`);
    expect(html).toMatch(/<form id="undo"[^>]*action="[^"]+"[^>]*><button type="submit" name="signal" value="clear">Undo<\/button>/);
    expect((await stored(token)).liked).toEqual([liked.id]);
    const undone = await (await FEEDBACK(form(token, 'clear', { origin: ORIGIN }), ctx(token))).text();
    expect(undone).toContain(`Undone: arXiv:${liked.id} is neither liked nor disliked now.`);
    expect((await stored(token)).liked).toEqual([]);
  });

  it('is refused from another site, and as a form without any sign of where it came from', async () => {
    const token = await create();
    expect(proxy(form(token, 'more', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(proxy(form(token, 'more', { origin: 'null' })).status).toBe(403);
    expect(proxy(form(token, 'more', {})).status).toBe(415);
    // only the feedback route takes forms: a profile write does not
    const put = new NextRequest(`${ORIGIN}/api/profiles/${token}`, { method: 'PUT', body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN } });
    expect(proxy(put).status).toBe(415);
  });
});

describe('liked and disliked in saved profiles', () => {
  it('are stored without version, old-style ids too, and train the model on POST', async () => {
    const token = await create({ ...PROFILE, liked: [`${liked.id}v3`, 'math.GT/0309136'], disliked: [topicPaper('robots', 1).id] });
    expect(await stored(token)).toMatchObject({ liked: [liked.id, 'math.GT/0309136'], disliked: [topicPaper('robots', 1).id] });
    const model = JSON.parse((await (await getStore()).getProfileModel(token))!);
    expect(model).toMatchObject({ notFound: ['math.GT/0309136'] });
  });

  it('refuse malformed ids, a paper in both lists, and more than the limit', async () => {
    const bad = async (body: unknown) =>
      (await CREATE(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }))).status;
    expect(await bad({ ...PROFILE, liked: ['2411'] })).toBe(400);
    expect(await bad({ ...PROFILE, liked: [liked.id], disliked: [`${liked.id}v2`] })).toBe(400);
    const many = Array.from({ length: MAX_FEEDBACK_PAPERS + 1 }, (_, i) => `2501.${String(10000 + i)}`);
    expect(await bad({ ...PROFILE, liked: many })).toBe(400);
    expect(await bad({ ...PROFILE, liked: many.slice(0, MAX_FEEDBACK_PAPERS) })).toBe(201);
  });

  it('survive a PUT that does not mention them, and go with one that empties them', async () => {
    const token = await create({ ...PROFILE, liked: [liked.id] });
    const put = (body: unknown) => PUT(new Request(`${ORIGIN}/api/profiles/${token}`, { method: 'PUT', body: JSON.stringify(body) }), ctx(token));
    expect((await (await put({ ...PROFILE, keywords: ['kv cache'] })).json()).profile.liked).toEqual([liked.id]);
    expect((await (await put({ ...PROFILE, liked: [] })).json()).profile.liked).toEqual([]);
    expect(await (await getStore()).getProfileModel(token)).toBeNull();
  });
});
