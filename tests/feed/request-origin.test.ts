/**
 * Every absolute URL the service hands out (feed self/home links, a saved profile's secret URLs
 * and its Location, OPML) is on the origin the reader used: PUBLIC_BASE_URL, else the request's
 * Host, with X-Forwarded-Host/-Proto read only behind a trusted proxy. The requests below carry a
 * `localhost` URL, as `next start` builds it whatever Host arrived.
 */
import { XMLParser } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET as QUERY_FEED } from '../../app/api/feed/route';
import { GET as TOKEN_FEED } from '../../app/api/feed/[token]/route';
import { GET as OPML } from '../../app/api/opml/route';
import { GET as READ_PROFILE } from '../../app/api/profiles/[token]/route';
import { POST } from '../../app/api/profiles/route';
import { getEnv } from '../../lib/env';
import { requestOrigin } from '../../lib/feed/request-origin';
import { storeSeedDay, useProfileEnv } from '../profiles/profile-env';

const INTERNAL = 'http://localhost:3000';
let address = 0;

const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'outline' });

async function selfAndHome(headers: Record<string, string>, internal = INTERNAL) {
  const res = await QUERY_FEED(new Request(`${internal}/api/feed?cats=cs.LG&q=llm&format=json`, { headers }));
  expect(res.status).toBe(200);
  const feed = await res.json();
  return { self: feed.feed_url as string, home: feed.home_page_url as string };
}

async function createProfile(headers: Record<string, string>) {
  const res = await POST(
    new Request(`${INTERNAL}/api/profiles`, {
      method: 'POST',
      body: JSON.stringify({ categories: ['cs.LG'], keywords: ['llm'] }),
      headers: { 'content-type': 'application/json', 'x-real-ip': `192.0.2.${++address}`, ...headers },
    }),
  );
  expect(res.status).toBe(201);
  const body = await res.json();
  return { token: body.token as string, urls: body.urls as Record<string, string>, location: res.headers.get('location') };
}

async function opmlXmlUrls(qs: string, headers: Record<string, string>): Promise<string[]> {
  const res = await OPML(new Request(`${INTERNAL}/api/opml?${qs}`, { headers }));
  expect(res.status).toBe(200);
  return parser.parse(await res.text()).opml.body.outline.map((o: Record<string, string>) => o['@_xmlUrl']);
}

const forwarded = { host: 'app.internal:3000', 'x-forwarded-host': 'feeds.example.org', 'x-forwarded-proto': 'https' };

beforeEach(async () => {
  await useProfileEnv();
  await storeSeedDay();
});

describe('without PUBLIC_BASE_URL, links follow the Host the request came with', () => {
  it('feed self and home links', async () => {
    expect(await selfAndHome({ host: 'feeds.example.org' })).toEqual({
      self: 'http://feeds.example.org/api/feed?cats=cs.LG&q=llm&format=json',
      home: 'http://feeds.example.org/?cats=cs.LG&q=llm',
    });
  });

  it('a saved profile: its URLs and Location on create, its URLs on read, its feed and OPML', async () => {
    const host = { host: 'feeds.example.org:8080' };
    const { token, urls, location } = await createProfile(host);
    expect(urls).toEqual({
      rss: `http://feeds.example.org:8080/api/feed/${token}?format=rss`,
      atom: `http://feeds.example.org:8080/api/feed/${token}?format=atom`,
      json: `http://feeds.example.org:8080/api/feed/${token}?format=json`,
      opml: `http://feeds.example.org:8080/api/opml?token=${token}`,
      edit: `http://feeds.example.org:8080/?profile=${token}`,
    });
    expect(location).toBe(`http://feeds.example.org:8080/api/profiles/${token}`);

    const read = await READ_PROFILE(new Request(`${INTERNAL}/api/profiles/${token}`, { headers: host }), ctx(token));
    expect((await read.json()).urls).toEqual(urls);

    const feed = await TOKEN_FEED(new Request(`${INTERNAL}/api/feed/${token}?format=json`, { headers: host }), ctx(token));
    expect((await feed.json()).feed_url).toBe(urls.json);

    expect(await opmlXmlUrls(`token=${token}`, host)).toEqual([urls.rss]);
  });

  it('a query OPML', async () => {
    const [url] = await opmlXmlUrls('cats=cs.LG', { host: 'feeds.example.org' });
    expect(url).toBe('http://feeds.example.org/api/feed?cats=cs.LG&format=rss');
  });

  it('X-Forwarded-Host and -Proto are anyone\'s to send: ignored without a trusted proxy', async () => {
    expect((await selfAndHome(forwarded)).self).toBe('http://app.internal:3000/api/feed?cats=cs.LG&q=llm&format=json');
    // Next.js itself puts X-Forwarded-Proto into request.url: that is not a reason to believe it.
    expect((await selfAndHome(forwarded, 'https://localhost:3000')).self).toMatch(/^http:\/\/app\.internal:3000\//);
    expect((await createProfile(forwarded)).urls.edit).toMatch(/^http:\/\/app\.internal:3000\/\?profile=/);
    expect(await opmlXmlUrls('cats=cs.LG', forwarded)).toEqual(['http://app.internal:3000/api/feed?cats=cs.LG&format=rss']);
  });

  it.each([
    ['a path', 'evil.example/phish?x='],
    ['credentials', 'user@evil.example'],
    ['a space', 'feeds.example.org evil.example'],
    ['markup', 'x"><script>alert(1)</script>'],
    ['a bad port', 'feeds.example.org:99999'],
    ['two hosts', 'feeds.example.org, evil.example'],
  ])('a Host with %s is not a host: the server\'s own origin instead', async (_, host) => {
    expect((await selfAndHome({ host })).self).toBe(`${INTERNAL}/api/feed?cats=cs.LG&q=llm&format=json`);
    expect((await createProfile({ host })).urls.rss).toMatch(/^http:\/\/localhost:3000\/api\/feed\//);
  });
});

describe('behind a trusted proxy', () => {
  it.each([['TRUST_PROXY=1', { TRUST_PROXY: '1' }], ['TRUST_PROXY=true', { TRUST_PROXY: 'true' }]])(
    '%s: X-Forwarded-Host and -Proto name the public origin',
    async (_, env) => {
      await useProfileEnv(env);
      expect(await selfAndHome(forwarded)).toEqual({
        self: 'https://feeds.example.org/api/feed?cats=cs.LG&q=llm&format=json',
        home: 'https://feeds.example.org/?cats=cs.LG&q=llm',
      });
      const { token, urls, location } = await createProfile(forwarded);
      expect(urls.rss).toBe(`https://feeds.example.org/api/feed/${token}?format=rss`);
      expect(location).toBe(`https://feeds.example.org/api/profiles/${token}`);
      expect(await opmlXmlUrls(`token=${token}`, forwarded)).toEqual([urls.rss]);
    },
  );

  it('TRUST_PROXY=0 trusts nothing off Vercel', async () => {
    await useProfileEnv({ TRUST_PROXY: '0' });
    expect((await selfAndHome(forwarded)).self).toMatch(/^http:\/\/app\.internal:3000\//);
  });

  // On Vercel the embedded store is refused, so these check the one origin function every route uses.
  it('on Vercel its edge sets the forwarded headers: they name the public origin, whatever TRUST_PROXY says', () => {
    const request = new Request('http://app.internal:3000/api/feed', { headers: forwarded });
    for (const TRUST_PROXY of [undefined, '0']) {
      const env = getEnv({ VERCEL: '1', ...(TRUST_PROXY && { TRUST_PROXY }) });
      expect(requestOrigin(request, env)).toBe('https://feeds.example.org');
    }
  });

  it('TRUST_PROXY=2 reads the value the outer of two proxies appended, not what the client sent', async () => {
    await useProfileEnv({ TRUST_PROXY: '2' });
    const chain = { host: 'app.internal:3000', 'x-forwarded-host': 'evil.example, feeds.example.org, lb.internal', 'x-forwarded-proto': 'http, https, http' };
    expect((await selfAndHome(chain)).self).toBe('https://feeds.example.org/api/feed?cats=cs.LG&q=llm&format=json');
  });

  it('a forwarded host that is not a host falls back to Host; an unknown protocol to http', async () => {
    await useProfileEnv({ TRUST_PROXY: '1' });
    const bad = { host: 'feeds.example.org', 'x-forwarded-host': 'evil.example/x', 'x-forwarded-proto': 'javascript' };
    expect((await selfAndHome(bad)).self).toBe('http://feeds.example.org/api/feed?cats=cs.LG&q=llm&format=json');
  });

  it('TRUST_PROXY must be a number of proxies or true/false', () => {
    expect(() => getEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(getEnv({ TRUST_PROXY: '3' }).TRUST_PROXY).toBe(3);
  });
});

describe('PUBLIC_BASE_URL wins over every header', () => {
  it('feeds, profiles and OPML are on it, even behind a trusted proxy', async () => {
    await useProfileEnv({ PUBLIC_BASE_URL: 'https://arxiv.example.net', TRUST_PROXY: '1' });
    expect((await selfAndHome(forwarded)).self).toBe('https://arxiv.example.net/api/feed?cats=cs.LG&q=llm&format=json');
    const { token, urls, location } = await createProfile(forwarded);
    expect(urls.opml).toBe(`https://arxiv.example.net/api/opml?token=${token}`);
    expect(location).toBe(`https://arxiv.example.net/api/profiles/${token}`);
    expect(await opmlXmlUrls('cats=cs.LG', forwarded)).toEqual(['https://arxiv.example.net/api/feed?cats=cs.LG&format=rss']);
  });
});
