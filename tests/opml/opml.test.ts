/** OPML 2.0 for a saved profile and for a feed query: parsed back, escaped, URLs that work. */
import { XMLParser } from 'fast-xml-parser';
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

describe('GET /api/opml?token=', () => {
  it('lists the three formats and one feed per category, as valid OPML 2.0', async () => {
    const created = await POST(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG', 'cs.CL'], keywords: ['RL', '"kv cache"', 'a & b <c>'] }), headers: { 'x-real-ip': '198.51.100.1' } }));
    const { token } = await created.json();
    const { res, text, doc } = await opml(`token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(doc.opml['@_version']).toBe('2.0');
    expect(doc.opml.head.title).toBe('arXiv cs.LG, cs.CL: RL, "kv cache", a & b <c>');
    expect(new Date(doc.opml.head.dateCreated).toString()).not.toBe('Invalid Date');
    // escaped, not raw
    expect(text).toContain('a &amp; b &lt;c&gt;');
    const outlines: Outline[] = doc.opml.body.outline;
    expect(outlines.map((o) => o['@_xmlUrl'])).toEqual([
      `${ORIGIN}/api/feed/${token}?format=rss`,
      `${ORIGIN}/api/feed/${token}?format=atom`,
      `${ORIGIN}/api/feed/${token}?format=json`,
      `${ORIGIN}/api/feed/${token}?format=rss&cats=cs.LG`,
      `${ORIGIN}/api/feed/${token}?format=rss&cats=cs.CL`,
    ]);
    for (const o of outlines) {
      expect(o['@_type']).toBe('rss');
      expect(o['@_text']).toBeTruthy();
      expect(new URL(o['@_htmlUrl']).origin).toBe(ORIGIN);
      // every listed feed answers
      const url = new URL(o['@_xmlUrl']);
      const res = await FEED(new Request(url), { params: Promise.resolve({ token }) });
      expect(res.status, url.href).toBe(200);
    }
    // the per-category page links never carry the secret
    expect(outlines.slice(3).every((o) => !o['@_htmlUrl'].includes(token))).toBe(true);
  });

  it('400 for a malformed token, 404 for an unknown one', async () => {
    expect((await opml('token=short')).res.status).toBe(400);
    expect((await opml(`token=${newProfileToken()}`)).res.status).toBe(404);
  });
});

describe('GET /api/opml?<feed query>', () => {
  it('lists query feeds with the same parameters, each one a working /api/feed URL', async () => {
    const { res, doc } = await opml('cats=cs.LG,cs.CL&q=RL,decode&exclude=survey&min_score=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    const outlines: Outline[] = doc.opml.body.outline;
    expect(outlines).toHaveLength(5);
    const first = new URL(outlines[0]!['@_xmlUrl']);
    expect(first.pathname).toBe('/api/feed');
    expect(Object.fromEntries(first.searchParams)).toEqual({ cats: 'cs.LG,cs.CL', q: 'RL, decode', exclude: 'survey', min_score: '1', format: 'rss' });
    expect(new URL(outlines[4]!['@_xmlUrl']).searchParams.get('cats')).toBe('cs.CL');
    for (const o of outlines) expect((await QUERY_FEED(new Request(o['@_xmlUrl']))).status).toBe(200);
  });

  it('uses the default profile without parameters, and 400s on a bad query', async () => {
    expect((await opml('')).res.status).toBe(200);
    const bad = await opml('cats=not-a-category');
    expect(bad.res.status).toBe(400);
  });

  it('one category: no duplicate per-category outline', async () => {
    const { doc } = await opml('cats=cs.LG');
    expect(doc.opml.body.outline).toHaveLength(3);
  });
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
