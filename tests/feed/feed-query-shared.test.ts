/**
 * One query parser for what `/api/feed` and `/api/feed/<token>` share (`format`, `cats`), the
 * summary languages a deployment offers (SUMMARY_LANGUAGES) on every way in, and a broken
 * configuration answered as a 500 that names the variable.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET as FEED } from '../../app/api/feed/route';
import { GET as TOKEN_FEED } from '../../app/api/feed/[token]/route';
import { GET as OPML } from '../../app/api/opml/route';
import { POST } from '../../app/api/profiles/route';
import { PUT } from '../../app/api/profiles/[token]/route';
import { storeSeedDay, useProfileEnv } from '../profiles/profile-env';

const ORIGIN = 'http://localhost:3000';
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const create = (body: unknown) => POST(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', ...json(body) }));
const tokenFeed = (token: string, qs: string) => TOKEN_FEED(new Request(`${ORIGIN}/api/feed/${token}?${qs}`), ctx(token));
const feed = (qs: string) => FEED(new Request(`${ORIGIN}/api/feed?${qs}`));

async function savedToken(profile: unknown = { categories: ['cs.LG', 'cs.CL'] }): Promise<string> {
  const res = await create(profile);
  expect(res.status).toBe(201);
  return (await res.json()).token;
}

describe('the token feed reads format and cats like /api/feed', () => {
  beforeEach(async () => {
    await useProfileEnv();
    await storeSeedDay();
  });

  it('a repeated format is a 400 on both', async () => {
    const token = await savedToken();
    for (const res of [await feed('cats=cs.LG&format=rss&format=atom'), await tokenFeed(token, 'format=rss&format=atom')]) {
      expect(res.status).toBe(400);
      expect((await res.json()).issues).toEqual([{ path: 'format', message: 'must be given only once' }]);
    }
  });

  it('cats is canonical (cs.lg is cs.LG), repeatable and comma-separated on both', async () => {
    const token = await savedToken();
    const narrowed = await tokenFeed(token, 'cats=cs.lg&format=json');
    expect(narrowed.status).toBe(200);
    const items = (await narrowed.json()).items as { tags: string[] }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.tags).toContain('cs.LG');
    expect((await tokenFeed(token, 'cats=cs.LG&cats=cs.cl&format=json')).status).toBe(200);
    expect((await feed('cats=cs.lg&format=json')).status).toBe(200);
  });

  it("still refuses a category outside the saved profile's, naming it", async () => {
    const token = await savedToken();
    const res = await tokenFeed(token, 'cats=cs.LG,cs.DC');
    expect(res.status).toBe(400);
    expect((await res.json()).issues).toEqual([{ path: 'cats.1', message: '"cs.DC" is not one of this profile\'s categories' }]);
  });
});

describe('summary languages are the deployment\'s to offer', () => {
  it('by default: SUMMARY_LANGUAGE plus a short list; another tag is a 400 naming `language` (feed, POST, PUT)', async () => {
    await useProfileEnv({ SUMMARY_LANGUAGE: 'nl' });
    await storeSeedDay();
    expect((await feed('cats=cs.LG&language=nl')).status).toBe(200);
    expect((await feed('cats=cs.LG&language=pt-br')).status).toBe(200);
    const refused = await feed('cats=cs.LG&language=en-x-u0001');
    expect(refused.status).toBe(400);
    expect((await refused.json()).issues).toEqual([{ path: 'language', message: expect.stringMatching(/not offered .*one of nl, en, zh/) }]);
    // OPML links to such a feed: refused the same way rather than handing out feeds that 400.
    const opml = await OPML(new Request(`${ORIGIN}/api/opml?cats=cs.LG&language=en-x-u0001`));
    expect(opml.status).toBe(400);
    expect((await opml.json()).issues[0].path).toBe('language');

    const posted = await create({ categories: ['cs'], days: 30, language: 'tlh' });
    expect(posted.status).toBe(400);
    expect((await posted.json()).issues[0].path).toBe('language');
    const token = await savedToken({ categories: ['cs.LG'], language: 'de' });
    const put = await PUT(new Request(`${ORIGIN}/api/profiles/${token}`, { method: 'PUT', ...json({ categories: ['cs.LG'], language: 'sw' }) }), ctx(token));
    expect(put.status).toBe(400);
    expect((await put.json()).issues[0].path).toBe('language');
  });

  it('SUMMARY_LANGUAGES replaces the list (SUMMARY_LANGUAGE stays offered)', async () => {
    await useProfileEnv({ SUMMARY_LANGUAGES: 'sw, tlh' });
    await storeSeedDay();
    expect((await create({ categories: ['cs.LG'], language: 'sw' })).status).toBe(201);
    expect((await create({ categories: ['cs.LG'], language: 'en' })).status).toBe(201);
    expect((await create({ categories: ['cs.LG'], language: 'de' })).status).toBe(400);
  });
});

describe('a broken configuration', () => {
  it('is a 500 JSON naming the variable, not its value', async () => {
    await useProfileEnv();
    const file = path.join(process.env.DATA_DIR!, 'profile.json');
    writeFileSync(file, '{"categories": ["cs.LG"], "keywords": 7}');
    process.env.PROFILE_CONFIG = file;
    const res = await feed('format=json');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: expect.stringContaining('PROFILE_CONFIG'), variables: ['PROFILE_CONFIG'] });
    expect(text).not.toContain(process.env.DATA_DIR!);
  });

  it('a bad variable of the env schema is named the same way', async () => {
    await useProfileEnv({ SUMMARY_LANGUAGES: 'en,not a tag' });
    const res = await feed('cats=cs.LG');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: expect.stringContaining('SUMMARY_LANGUAGES'), variables: ['SUMMARY_LANGUAGES'] });
  });
});
