/**
 * POST /api/profiles/<token>/import over HTTP: the route handler on a temp embedded store holding
 * one day of topical papers, the arXiv API answered by the local stand-in (id_list queries
 * filtered like arXiv's). Papers in the store are liked without asking arXiv; others are fetched
 * once, trained on, and stay learnable through the model's sketches; what cannot be resolved is
 * listed with why.
 */
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as FEED } from '../../app/api/feed/[token]/route';
import { POST as FEEDBACK } from '../../app/api/profiles/[token]/feedback/route';
import { POST as IMPORT } from '../../app/api/profiles/[token]/import/route';
import { POST as CREATE } from '../../app/api/profiles/route';
import { MAX_IMPORT_ENTRIES, MAX_IMPORT_TEXT_BYTES } from '../../lib/profiles/import-papers';
import { newProfileToken } from '../../lib/profiles/profile-token';
import { getStore } from '../../lib/store/open-store';
import { proxy } from '../../proxy';
import { failures, startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';
import { apiFeedXml } from '../helpers/api-feed';
import { topicPaper, topicWindow } from '../score/learned-papers';
import { useProfileEnv } from './profile-env';

const ORIGIN = 'http://localhost:3000';
const DAY = '2025-01-10';
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
/** On arXiv, not in the store: a protein paper of last year. */
const remote = topicPaper('proteins', 40, '2024-06-03');
const stored = topicPaper('proteins', 1, DAY);

let arxiv: FakeArxiv;

const post = (token: string, body: unknown) =>
  IMPORT(new Request(`${ORIGIN}/api/profiles/${token}/import`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }), ctx(token));
const profileOf = async (token: string) => JSON.parse((await (await getStore()).getProfile(token))!);
const modelOf = async (token: string) => JSON.parse((await (await getStore()).getProfileModel(token))!);
const apiRequests = () => arxiv.requestsOf('api').map((r) => r.query.get('id_list'));

let ip = 0;
async function create(): Promise<string> {
  const res = await CREATE(
    new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG'] }), headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.2.0.${++ip}` } }),
  );
  return (await res.json()).token;
}

const BIB = String.raw`
@article{stored, title = {${stored.title}}, eprint = {${stored.id}}, archivePrefix = {arXiv}}
@misc{remote, title = {A protein paper}, url = {https://arxiv.org/abs/${remote.id}v1}}
@book{nope, title = {A Book Without Any Identifier}, year = 1999}
`;

beforeAll(async () => {
  arxiv = await startFakeArxiv({ api: apiFeedXml([remote]) });
  await useProfileEnv({ TRUST_PROXY: '1', ARXIV_API_URL: arxiv.apiUrl, ARXIV_MIN_INTERVAL_MS: '0' });
  await (await getStore()).commitDay(DAY, { 'cs.LG': topicWindow(8, DAY) }, new Date(`${DAY}T01:00:00Z`));
});

afterAll(async () => {
  await arxiv.close();
});

describe('POST /api/profiles/<token>/import', () => {
  it('likes a BibTeX file\'s papers: stored ones at once, the other fetched from arXiv by id; names what it could not resolve', async () => {
    const token = await create();
    const before = arxiv.requests.length;
    const res = await post(token, { text: BIB, filename: 'mine.bib' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      format: 'bibtex',
      entries: 3,
      added: 2,
      alreadyLiked: 0,
      unresolved: [{ entry: 'nope: A Book Without Any Identifier', reason: 'no arXiv id, arXiv URL or arXiv DOI in it' }],
      fetched: 1,
      notFetched: 0,
      arxivError: null,
      dropped: [],
      liked: 2,
      disliked: 0,
    });
    // Only the paper the store lacks was asked for, in one id_list request.
    expect(arxiv.requests.slice(before).map((r) => r.query.get('id_list'))).toEqual([remote.id]);
    expect((await profileOf(token)).liked).toEqual([stored.id, remote.id]);
    const model = await modelOf(token);
    expect(model.liked.map((s: { id: string; title: string }) => [s.id, s.title])).toEqual([
      [stored.id, stored.title],
      [remote.id, remote.title],
    ]);
    expect(model.notFound).toEqual([]);
  });

  it('keeps a fetched paper learnable once it is not asked for again, and ranks its subject first', async () => {
    const token = await create();
    await post(token, { text: `https://arxiv.org/abs/${remote.id}` });
    const asked = apiRequests().length;
    // Another click retrains: the fetched paper is in no window now, its sketch stands in.
    await FEEDBACK(new Request(`${ORIGIN}/api/profiles/${token}/feedback`, { method: 'POST', body: JSON.stringify({ id: stored.id, signal: 'less' }), headers: { 'content-type': 'application/json' } }), ctx(token));
    await FEEDBACK(new Request(`${ORIGIN}/api/profiles/${token}/feedback`, { method: 'POST', body: JSON.stringify({ id: stored.id, signal: 'clear' }), headers: { 'content-type': 'application/json' } }), ctx(token));
    expect(apiRequests().length).toBe(asked);
    expect((await modelOf(token)).liked.map((s: { id: string }) => s.id)).toEqual([remote.id]);
    const items = (await (await FEED(new Request(`${ORIGIN}/api/feed/${token}?format=json`), ctx(token))).json()).items as { _arxiv: { id: string } }[];
    const proteins = new Set(topicWindow(8, DAY).filter((p) => p.id.startsWith('2501.2')).map((p) => p.id));
    expect(items.slice(0, 4).map((i) => proteins.has(i._arxiv.id))).toEqual([true, true, true, true]);
  });

  it('counts papers liked already, likes a disliked one instead, and asks arXiv for nothing it knows', async () => {
    const token = await create();
    await post(token, { text: stored.id });
    await FEEDBACK(new Request(`${ORIGIN}/api/profiles/${token}/feedback`, { method: 'POST', body: JSON.stringify({ id: topicPaper('robots', 2, DAY).id, signal: 'less' }), headers: { 'content-type': 'application/json' } }), ctx(token));
    const asked = apiRequests().length;
    const res = await (await post(token, { text: `${stored.id}\n${topicPaper('robots', 2, DAY).id}` })).json();
    expect(res).toMatchObject({ format: 'list', added: 1, alreadyLiked: 1, fetched: 0, liked: 2, disliked: 0 });
    expect(apiRequests().length).toBe(asked);
    expect(await profileOf(token)).toMatchObject({ liked: [stored.id, topicPaper('robots', 2, DAY).id], disliked: [] });
  });

  it('does not like an id arXiv does not have', async () => {
    const token = await create();
    const res = await (await post(token, { text: '2409.99999' })).json();
    expect(res).toMatchObject({ added: 0, unresolved: [{ entry: '2409.99999', reason: 'arXiv has no paper with this id' }], fetched: 0 });
    expect((await profileOf(token)).liked).toBeUndefined();
  });

  it('with arXiv failing, likes the paper anyway and says it is not learned from yet', async () => {
    const token = await create();
    arxiv.always('api', failures.status(500));
    try {
      const res = await (await post(token, { text: `arXiv:${remote.id}` })).json();
      expect(res).toMatchObject({ added: 1, fetched: 0, notFetched: 1, arxivError: expect.stringContaining('HTTP 500') });
      expect((await modelOf(token)).notFound).toEqual([remote.id]);
    } finally {
      arxiv.always('api', null);
    }
  }, 20_000);

  it('refuses what it cannot read: no text (400), over 1 MB (413), over 500 records (400), an unknown token (404)', async () => {
    const token = await create();
    expect((await post(token, {})).status).toBe(400);
    expect((await post(token, { text: '' })).status).toBe(400);
    expect((await post(token, { text: 'x', extra: 1 })).status).toBe(400);
    expect((await post(token, { text: 'x'.repeat(MAX_IMPORT_TEXT_BYTES + 1) })).status).toBe(413);
    const many = Array.from({ length: MAX_IMPORT_ENTRIES + 1 }, (_, i) => `2401.${String(10000 + i)}`).join('\n');
    const tooMany = await post(token, { text: many });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toMatch(/501 records; at most 500/);
    expect((await post(newProfileToken(), { text: stored.id })).status).toBe(404);
    expect((await profileOf(token)).liked).toBeUndefined();
  });

  it('is a write like the others: JSON only and same-site only (the API gate)', () => {
    const gate = (headers: Record<string, string>) =>
      proxy(new NextRequest(`${ORIGIN}/api/profiles/${'A'.repeat(32)}/import`, { method: 'POST', body: '{"text":"x"}', headers: { host: 'localhost:3000', ...headers } }));
    expect(gate({ 'content-type': 'text/plain' }).status).toBe(415);
    expect(gate({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }).status).toBe(403);
    expect(gate({ 'content-type': 'application/json', origin: 'https://evil.example' }).status).toBe(403);
    expect(gate({ 'content-type': 'application/json', origin: ORIGIN }).headers.get('x-middleware-next')).toBe('1');
  });
});
