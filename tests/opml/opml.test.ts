/** OPML 2.0 for a saved profile and for a feed query: one outline per selection, parsed back, escaped, URLs that work. */
import { XMLParser } from 'fast-xml-parser';
import { parseOpml } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as OPML } from '../../app/api/opml/route';
import { POST } from '../../app/api/profiles/route';
import { GET as FEED } from '../../app/api/feed/[token]/route';
import { GET as QUERY_FEED } from '../../app/api/feed/route';
import { renderOpml } from '../../lib/opml/build-opml';
import { newProfileToken } from '../../lib/profiles/profile-token';
import { storeSeedDay, useProfileEnv } from '../profiles/profile-env';

const ORIGIN = 'http://localhost:3000';
type Outline = { '@_type': string; '@_text': string; '@_title': string; '@_xmlUrl': string; '@_htmlUrl': string };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'outline' });

async function opml(qs: string) {
  const res = await OPML(new Request(`${ORIGIN}/api/opml?${qs}`));
  const text = await res.text();
  return { res, text, doc: res.status === 200 ? parser.parse(text) : null };
}

beforeAll(async () => {
  await useProfileEnv();
  await storeSeedDay();
});

/** The item ids of every feed the outlines list, fetched through the feed routes like a reader would. */
async function subscribedItemIds(outlines: Outline[], token?: string): Promise<string[]> {
  const ids: string[] = [];
  for (const o of outlines) {
    const url = new URL(o['@_xmlUrl']);
    url.searchParams.set('format', 'json');
    const res = token ? await FEED(new Request(url), { params: Promise.resolve({ token }) }) : await QUERY_FEED(new Request(url));
    expect(res.status, url.href).toBe(200);
    ids.push(...((await res.json()).items as { id: string }[]).map((i) => i.id));
  }
  return ids;
}

describe('GET /api/opml?token=', () => {
  it('one RSS outline for the selection, titled for a reader\'s folder, as valid OPML 2.0', async () => {
    const created = await POST(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG', 'cs.CL'], keywords: ['llm', '"kv cache"', 'a & b <c>'] }), headers: { 'x-real-ip': '198.51.100.1' } }));
    const { token } = await created.json();
    const { res, text, doc } = await opml(`token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(doc.opml['@_version']).toBe('2.0');
    expect(doc.opml.head.title).toBe('arXiv · cs.LG, cs.CL · llm, kv cache, a & b <c>');
    expect(new Date(doc.opml.head.dateCreated).toString()).not.toBe('Invalid Date');
    // escaped, not raw
    expect(text).toContain('a &amp; b &lt;c&gt;');
    const outlines: Outline[] = doc.opml.body.outline;
    expect(outlines).toEqual([
      {
        '@_type': 'rss',
        '@_text': 'arXiv · cs.LG, cs.CL · llm, kv cache, a & b <c>',
        '@_title': 'arXiv · cs.LG, cs.CL · llm, kv cache, a & b <c>',
        '@_xmlUrl': `${ORIGIN}/api/feed/${token}?format=rss`,
        '@_htmlUrl': `${ORIGIN}/?profile=${token}`,
      },
    ]);
    const feed = await FEED(new Request(outlines[0]!['@_xmlUrl']), { params: Promise.resolve({ token }) });
    expect(feed.headers.get('content-type')).toContain('application/rss+xml');
  });

  it('?format=atom lists the Atom feed instead', async () => {
    const { token } = await (await POST(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG'] }), headers: { 'x-real-ip': '198.51.100.2' } }))).json();
    const outlines: Outline[] = (await opml(`token=${token}&format=atom`)).doc.opml.body.outline;
    expect(outlines.map((o) => o['@_xmlUrl'])).toEqual([`${ORIGIN}/api/feed/${token}?format=atom`]);
    expect(outlines[0]!['@_title']).toBe('arXiv · cs.LG');
    const feed = await FEED(new Request(outlines[0]!['@_xmlUrl']), { params: Promise.resolve({ token }) });
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
  });

  it('a reader importing it gets every paper once', async () => {
    const { token } = await (await POST(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG', 'cs.CL', 'cs.AI'], limit: 500 }), headers: { 'x-real-ip': '198.51.100.3' } }))).json();
    const ids = await subscribedItemIds((await opml(`token=${token}`)).doc.opml.body.outline, token);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('400 for a malformed token, 404 for an unknown one', async () => {
    expect((await opml('token=short')).res.status).toBe(400);
    expect((await opml(`token=${newProfileToken()}`)).res.status).toBe(404);
  });
});

describe('GET /api/opml?<feed query>', () => {
  it('one outline with the same parameters, a working /api/feed URL', async () => {
    const { res, doc } = await opml('cats=cs.LG,cs.CL&q=RL,decode&exclude=survey&min_score=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    const outlines: Outline[] = doc.opml.body.outline;
    expect(outlines).toHaveLength(1);
    const url = new URL(outlines[0]!['@_xmlUrl']);
    expect(url.pathname).toBe('/api/feed');
    expect(Object.fromEntries(url.searchParams)).toEqual({ cats: 'cs.LG,cs.CL', q: 'RL, decode', exclude: 'survey', min_score: '1', format: 'rss' });
    expect(outlines[0]!['@_title']).toBe('arXiv · cs.LG, cs.CL · RL, decode');
    expect((await QUERY_FEED(new Request(url))).status).toBe(200);
  });

  it('a reader importing it gets every paper once', async () => {
    const ids = await subscribedItemIds((await opml('cats=cs.LG,cs.CL,cs.AI&limit=500')).doc.opml.body.outline);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('?format=atom gives the Atom URL; json or a format twice is a 400 naming format', async () => {
    const { doc } = await opml('cats=cs.LG&format=atom');
    expect(doc.opml.body.outline.map((o: Outline) => o['@_xmlUrl'])).toEqual([`${ORIGIN}/api/feed?cats=cs.LG&format=atom`]);
    for (const qs of ['cats=cs.LG&format=json', 'cats=cs.LG&format=rss&format=atom']) {
      const bad = await opml(qs);
      expect(bad.res.status, qs).toBe(400);
      expect(JSON.parse(bad.text).issues[0].path).toBe('format');
    }
  });

  it('titles name up to four keywords, else the authors', async () => {
    const many = await opml('cats=cs.LG&q=a1,b2,c3,d4,e5,f6');
    expect(many.doc.opml.body.outline[0]['@_title']).toBe('arXiv · cs.LG · a1, b2, c3, d4 +2 more');
    const authors = await opml('cats=cs.LG&authors="Yann LeCun",Hinton');
    expect(authors.doc.opml.body.outline[0]['@_title']).toBe('arXiv · cs.LG · by Yann LeCun, Hinton');
  });

  it('uses the default profile without parameters, and 400s on a bad query', async () => {
    expect((await opml('')).res.status).toBe(200);
    const bad = await opml('cats=not-a-category');
    expect(bad.res.status).toBe(400);
  });
});

it('an independent OPML parser (feedsmith) reads one subscription per selection', async () => {
  const { text } = await opml('cats=cs.LG,cs.CL&q=llm,"kv cache"');
  const parsed = parseOpml(text);
  expect(parsed.body?.outlines?.map((o) => [o.type, o.text, o.xmlUrl])).toEqual([
    ['rss', 'arXiv · cs.LG, cs.CL · llm, kv cache', `${ORIGIN}/api/feed?cats=cs.LG%2Ccs.CL&q=llm%2C+%22kv+cache%22&format=rss`],
  ]);
});

it('renderOpml strips XML-illegal characters and escapes attributes', () => {
  const xml = renderOpml({
    title: 'bad \u0001 title & "quotes"',
    dateCreated: new Date('2025-12-05T00:00:00Z'),
    outlines: [{ title: 'x"y<z', xmlUrl: 'https://e.org/a?x=1&y=2', htmlUrl: 'https://e.org/' }],
  });
  expect(xml).not.toContain('\u0001');
  expect(xml).toContain('<dateCreated>Fri, 05 Dec 2025 00:00:00 GMT</dateCreated>');
  const doc = parser.parse(xml);
  expect(doc.opml.head.title).toBe('bad  title & "quotes"');
  expect(doc.opml.body.outline[0]['@_xmlUrl']).toBe('https://e.org/a?x=1&y=2');
  expect(doc.opml.body.outline[0]['@_title']).toBe('x"y<z');
});
