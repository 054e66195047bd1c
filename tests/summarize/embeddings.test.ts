/**
 * Embeddings for learned relevance, end to end on a temp embedded store with the local
 * OpenAI-compatible stand-in's `/v1/embeddings` (deterministic vectors: papers on one subject come
 * out similar): a click embeds the liked paper at once; the summarize job embeds each window paper
 * once for every profile and computes the profiles' points; a feed reads those points and embeds
 * nothing; a paper without a vector, a failing endpoint or another model fall back to the text
 * model; a lazy drain never embeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as FEED } from '../../app/api/feed/[token]/route';
import { POST as FEEDBACK } from '../../app/api/profiles/[token]/feedback/route';
import { POST as CREATE } from '../../app/api/profiles/route';
import { getEnv, resetEnvCache } from '../../lib/env';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import type { Paper } from '../../lib/model/paper';
import { ProfileEmbeddingSchema } from '../../lib/score/learned/embedding-model';
import { decodeVector, encodeVector } from '../../lib/store/embeddings';
import { getStore } from '../../lib/store/open-store';
import { FakeOpenAi } from '../../scripts/support/fake-openai';
import { useProfileEnv } from '../profiles/profile-env';
import { topicPaper, topicWindow } from '../score/learned-papers';

const ORIGIN = 'http://localhost:3000';
const DAY = '2025-01-10';
const LATER = '2025-01-13';
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const window = topicWindow(8, DAY);
const liked = topicPaper('serving', 1, DAY);

let fake: FakeOpenAi;

type JsonItem = { _arxiv: { id: string; score: number; matches: { where: string; term: string; id?: string; points: number }[] } };

async function create(days = 1): Promise<string> {
  const res = await CREATE(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG'], days }), headers: { 'content-type': 'application/json' } }));
  return (await res.json()).token;
}
const signal = (token: string, id: string, s: string) =>
  FEEDBACK(new Request(`${ORIGIN}/api/profiles/${token}/feedback`, { method: 'POST', body: JSON.stringify({ id, signal: s }), headers: { 'content-type': 'application/json' } }), ctx(token));
const feedItems = async (token: string): Promise<JsonItem[]> => (await (await FEED(new Request(`${ORIGIN}/api/feed/${token}?format=json`), ctx(token))).json()).items;
const record = async (token: string) => {
  const raw = await (await getStore()).getProfileEmbedding(token);
  return raw === null ? null : ProfileEmbeddingSchema.parse(JSON.parse(raw));
};
const summarize = async (extra: Partial<Parameters<typeof runSummarize>[1]> = {}) =>
  runSummarize({ store: await getStore(), env: getEnv(), client: null }, { now: new Date(`${LATER}T12:00:00Z`), deadline: Date.now() + 30_000, ...extra });

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  await useProfileEnv({ EMBEDDINGS_MODEL: 'fake-embed', EMBEDDINGS_BASE_URL: fake.baseURL, EMBEDDINGS_API_KEY: 'test' });
  await (await getStore()).commitDay(DAY, { 'cs.LG': window }, new Date(`${DAY}T01:00:00Z`));
});

afterAll(async () => {
  await fake.close();
});

describe('the stored vector', () => {
  it('keeps a cosine within 0.01 in one byte a dimension, and reads another format as missing', () => {
    const a = Array.from({ length: 256 }, (_, i) => Math.sin(i * 1.7));
    const b = Array.from({ length: 256 }, (_, i) => Math.sin(i * 1.7) + Math.cos(i * 0.3));
    const cos = (x: ArrayLike<number>, y: ArrayLike<number>) => {
      let [xy, xx, yy] = [0, 0, 0];
      for (let i = 0; i < x.length; i++) [xy, xx, yy] = [xy + x[i]! * y[i]!, xx + x[i]! ** 2, yy + y[i]! ** 2];
      return xy / Math.sqrt(xx * yy);
    };
    const stored = encodeVector(a);
    expect(stored.length).toBeLessThan(256 * 1.4 + 8);
    expect(Math.abs(cos(decodeVector(stored)!, decodeVector(encodeVector(b))!) - cos(a, b))).toBeLessThan(0.01);
    expect(decodeVector('f32:AAAA')).toBeNull();
  });
});

describe('embeddings with EMBEDDINGS_MODEL set', () => {
  let token = '';

  it('a click embeds the liked paper at once; the record lists it and the feed embeds nothing', async () => {
    token = await create();
    const before = fake.embeddingRequests.length;
    expect((await signal(token, liked.id, 'more')).status).toBe(200);
    const calls = fake.embeddingRequests.slice(before);
    expect(calls.map((c) => [c.model, c.encoding, c.inputs.length])).toEqual([['fake-embed', 'float', 1]]);
    expect(calls[0]!.inputs[0]).toContain(liked.title);
    const r = await record(token);
    expect(r?.feedback.map((f) => [f.id, f.signal])).toEqual([[liked.id, 'liked']]);
    expect(r?.papers.refs).toEqual([`${liked.id}v1`]);
    const during = fake.embeddingRequests.length;
    const items = await feedItems(token);
    expect(fake.embeddingRequests.length).toBe(during);
    expect(items[0]!._arxiv).toMatchObject({ id: liked.id, matches: [{ where: 'liked', points: 3 }] });
  });

  it('the summarize job embeds every window paper once, and the feed ranks by the points it computed', async () => {
    const before = fake.embeddedInputs;
    const result = await summarize();
    expect(result.state).toBe('disabled');
    expect(result.embeddings).toMatchObject({ profiles: 1, embedded: window.length - 1, refreshed: 1, error: null });
    expect(fake.embeddedInputs - before).toBe(window.length - 1);
    const r = (await record(token))!;
    expect(r.papers.refs).toHaveLength(window.length);
    const items = await feedItems(token);
    const serving = new Set(window.filter((p) => p.id.startsWith('2501.1')).map((p) => p.id));
    expect(items.slice(0, 6).every((i) => serving.has(i._arxiv.id))).toBe(true);
    const scores = (prefix: string) => items.filter((i) => i._arxiv.id.startsWith(prefix)).map((i) => i._arxiv.score);
    expect(Math.min(...scores('2501.1'))).toBeGreaterThan(Math.max(...scores('2501.2')));
    const second = items[1]!._arxiv;
    const at = r.papers.refs.indexOf(`${second.id}v1`);
    expect(second.matches).toEqual([{ where: 'similar', term: liked.title, id: liked.id, points: r.papers.points[at] }]);
    // Again: nothing new to embed, nothing to compute.
    const again = await summarize();
    expect(again.embeddings).toMatchObject({ embedded: 0, calls: 0, refreshed: 0 });
  });

  it('a paper announced since has no vector: the text model speaks for it', async () => {
    const fresh: Paper = topicPaper('serving', 30, LATER);
    await (await getStore()).commitDay(LATER, { 'cs.LG': [fresh] }, new Date(`${LATER}T01:00:00Z`));
    const profile = JSON.parse((await (await getStore()).getProfile(token))!);
    await (await getStore()).putProfile(token, JSON.stringify({ ...profile, days: 2 }));
    const item = (await feedItems(token)).find((i) => i._arxiv.id === fresh.id)!;
    expect((await record(token))!.papers.refs).not.toContain(`${fresh.id}v1`);
    // The text model names the sketch's title too, with its own points (not the record's).
    expect(item._arxiv.matches).toEqual([{ where: 'similar', term: liked.title, id: liked.id, points: expect.any(Number) }]);
    expect(item._arxiv.matches[0]!.points).toBeGreaterThan(0);
  });

  it('shares vectors between profiles: a second profile on the same papers embeds nothing more', async () => {
    const other = await create(2);
    const before = fake.embeddedInputs;
    await signal(other, topicPaper('robots', 2, DAY).id, 'more');
    const result = await summarize();
    expect(fake.embeddedInputs - before).toBe(1); // the fresh paper of LATER, for the first profile's two days
    expect(result.embeddings).toMatchObject({ profiles: 2, embedded: 1 });
    const items = await feedItems(other);
    expect(items[0]!._arxiv.id).toBe(topicPaper('robots', 2, DAY).id);
    expect(items[1]!._arxiv.id.startsWith('2501.3')).toBe(true);
  });

  it('a lazy drain (a run for a few profiles) never embeds', async () => {
    const other = await create();
    await (await getStore()).putProfile(other, JSON.stringify({ categories: ['cs.LG'], keywords: [], exclude: [], authors: [], min_score: 0, types: ['new'], days: 5, liked: [liked.id] }));
    const before = fake.embeddingRequests.length;
    const result = await runSummarize(
      { store: await getStore(), env: getEnv(), client: null },
      { now: new Date(), deadline: Date.now() + 10_000, profiles: [{ name: 'feed', profile: JSON.parse((await (await getStore()).getProfile(other))!) }] },
    );
    expect(result.embeddings).toBeUndefined();
    expect(fake.embeddingRequests.length).toBe(before);
  });

  it('another EMBEDDINGS_MODEL ignores the stored record (the text model ranks until the job ran)', async () => {
    process.env.EMBEDDINGS_MODEL = 'another-model';
    resetEnvCache();
    try {
      const items = await feedItems(token);
      const r = (await record(token))!;
      const second = items[1]!._arxiv;
      expect(second.matches[0]!.points).not.toBe(r.papers.points[r.papers.refs.indexOf(`${second.id}v1`)]);
    } finally {
      process.env.EMBEDDINGS_MODEL = 'fake-embed';
      resetEnvCache();
    }
  });
});

describe('a failing embeddings endpoint', () => {
  it('costs a click nothing: recorded, trained, ranked by the text model', async () => {
    fake.options.failEmbeddings = 500;
    try {
      const token = await create();
      const res = await signal(token, topicPaper('proteins', 3, DAY).id, 'more');
      expect(res.status).toBe(200);
      // The paper's vector was stored before: the job embedded the whole window.
      const r = await record(token);
      expect(r?.feedback.map((f) => f.id)).toEqual([topicPaper('proteins', 3, DAY).id]);
      const fresh = await create();
      const unseen = topicPaper('proteins', 30, LATER);
      await (await getStore()).commitDay(LATER, { 'cs.LG': [topicPaper('serving', 30, LATER), unseen] }, new Date(`${LATER}T02:00:00Z`));
      expect((await signal(fresh, unseen.id, 'more')).status).toBe(200);
      const empty = await record(fresh);
      expect(empty).toMatchObject({ feedback: [], missing: [unseen.id], papers: { refs: [] } });
      const items = await feedItems(fresh);
      expect(items[0]!._arxiv.matches).toEqual([{ where: 'liked', term: unseen.title, id: unseen.id, points: 3 }]);
      const result = await summarize();
      expect(result.embeddings?.error).toMatch(/500/);
    } finally {
      fake.options.failEmbeddings = undefined;
    }
  }, 30_000);
});
