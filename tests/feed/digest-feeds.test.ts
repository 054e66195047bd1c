/**
 * Digest feeds (`digest=daily|weekly`) through the imported /api/feed route handlers, on a temp
 * embedded store of four announcement days in three ISO weeks: 2025-12-05 (Fri, W49), 2025-12-11
 * (Thu, W50), 2025-12-16 (Tue, W51) and 2025-12-18 (Thu, W51). Each period and format is read by
 * the three independent feed parsers the suite trusts.
 */
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { GET as GET_TOKEN } from '../../app/api/feed/[token]/route';
import { ProfileSchema } from '../../lib/model/profile';
import { newProfileToken } from '../../lib/profiles/profile-token';
import { getStore } from '../../lib/store/open-store';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { FEED_PARSERS, PARSER_CASES } from '../helpers/feed-parsers';
import { makeBucket, makePaper } from '../helpers/make-papers';
import { fillStore, referencePapers, summaryFor, useTempEnv } from './feed-fixtures';

const TUESDAY = '2025-12-16';
const tuesdayPapers = makeBucket(TUESDAY, 'cs.LG', 3, 0);
/** A cs.DC-only day with one paper whose text tries every way out of XML, HTML and JSON. */
const FRIDAY = '2025-12-19';
const hostile = makePaper(90, FRIDAY, 'cs.DC', {
  title: 'Tiny <b>bold</b> ]]> \u0001ctl & "q" $a<b$',
  abstract: 'x < 3 & <script>alert(1)</script> ]]> \uFFFE end',
  authors: ['Ana & <Bob>'],
});
const get = (qs: string, headers: Record<string, string> = {}) => GET(new Request(`http://localhost/api/feed?${qs}`, { headers }));

type JsonItem = { id: string; url: string; title: string; content_html: string; content_text: string; date_published: string; date_modified: string; _arxiv: { period: string; days: string[]; papers: { id: string; score: number; tldr?: string }[] } };
async function jsonFeed(qs: string): Promise<{ items: JsonItem[]; _arxiv: { notices: string[] } }> {
  const res = await get(`${qs}&format=json`);
  expect(res.status).toBe(200);
  return res.json();
}

const ID = /^tag:arxiv-feeds,2025:digest:([\w-]{16}):(daily|weekly):(.+)$/;
const hashOf = (id: string) => ID.exec(id)?.[1];
const periodOf = (id: string) => ID.exec(id)?.[3];

const EXPECTED_PERIODS = {
  daily: { qs: 'cats=cs.LG&days=4&digest=daily', periods: ['2025-12-18', TUESDAY, '2025-12-11', '2025-12-05'] },
  weekly: { qs: 'cats=cs.LG&days=3&digest=weekly', periods: ['2025-W51', '2025-W50', '2025-W49'] },
} as const;

describe('digest feeds', () => {
  beforeAll(async () => {
    await useTempEnv();
    const store = await getStore();
    await fillStore(store, ['2025-12-05', '2025-12-11']);
    await store.commitDay(TUESDAY, { 'cs.LG': tuesdayPapers }, new Date(`${TUESDAY}T01:00:00Z`));
    await fillStore(store, ['2025-12-18']);
    await store.commitDay(FRIDAY, { 'cs.DC': [hostile] }, new Date(`${FRIDAY}T01:00:00Z`));
  });

  const cases = (['daily', 'weekly'] as const).flatMap((period) => PARSER_CASES.map(([parser, format]) => [period, parser, format] as const));
  it.each(cases)('%s: %s reads the %s feed, one item per period with a stable id and a counted title', async (period, parser, format) => {
    const { qs, periods } = EXPECTED_PERIODS[period];
    const res = await get(`${qs}&format=${format}`);
    expect(res.status).toBe(200);
    const items = await FEED_PARSERS[parser]!.read(await res.text());
    expect(items.map((i) => periodOf(i.id))).toEqual(periods);
    expect(new Set(items.map((i) => hashOf(i.id))).size).toBe(1);
    for (const item of items) expect(item.title).toMatch(/^cs\.LG · (Mon|Tue|Wed|Thu|Fri) \d{1,2} Dec 2025 · \d+ papers?$|^cs\.LG · week \d+, .+ · \d+ papers?$/);
  });

  it.each(PARSER_CASES)('%s reads the %s digest of hostile text; the XML is well-formed and the markup inert', async (parser, format) => {
    const body = await (await get(`cats=cs.DC&digest=daily&format=${format}`)).text();
    if (format !== 'json') expect(XMLValidator.validate(body)).toBe(true);
    const [item] = await FEED_PARSERS[parser]!.read(body);
    expect(periodOf(item!.id)).toBe(FRIDAY);
    expect(item!.title).toBe('cs.DC · Fri 19 Dec 2025 · 1 paper');
    const html = format === 'json' ? JSON.parse(body).items[0].content_html : body;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('\u0001');
  });

  it('escapes a hostile paper inside the item content', async () => {
    const [item] = (await jsonFeed('cats=cs.DC&digest=daily')).items;
    expect(item!.content_html).toContain('x &lt; 3 &amp; &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;  end');
    expect(item!.content_html).toContain('<em>Ana &amp; &lt;Bob&gt;</em>');
    expect(item!.content_html).toContain('>Tiny bold ]]&gt; ctl &amp; &quot;q&quot; $a&lt;b$</a>');
  });

  it('serves each format with its media type and a weak ETag', async () => {
    for (const [format, type] of [['rss', 'application/rss+xml'], ['atom', 'application/atom+xml'], ['json', 'application/feed+json']] as const) {
      const res = await get(`cats=cs.LG&digest=daily&format=${format}`);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(res.headers.get('etag')).toMatch(/^W\/"[\w-]{32}"$/);
    }
  });

  it('groups a week’s announcement days into one item listing all their papers, dated by its last announcement', async () => {
    const [w51] = (await jsonFeed('cats=cs.LG&digest=weekly')).items;
    expect(w51!.title).toBe('cs.LG · week 51, 16–18 Dec 2025 · 5 papers');
    expect(w51!._arxiv.days).toEqual(['2025-12-18', TUESDAY]);
    const expectedIds = [...referencePapers.filter((p) => p.announced === '2025-12-18' && p.categories[0] === 'cs.LG').map((p) => p.id), ...tuesdayPapers.map((p) => p.id)];
    expect(w51!._arxiv.papers.map((p) => p.id).sort()).toEqual(expectedIds.sort());
    expect(w51!.date_published).toBe('2025-12-18T00:00:00Z');
    expect(w51!.url).toBe('http://localhost/day/2025-12-18?cats=cs.LG');
  });

  it('bounds the items by days and the papers of each item by limit, saying what the limit left out', async () => {
    expect((await jsonFeed('cats=cs.LG&digest=daily&days=2')).items.map((i) => periodOf(i.id))).toEqual(['2025-12-18', TUESDAY]);
    expect((await jsonFeed('cats=cs.LG&digest=weekly&days=1')).items).toHaveLength(1);
    const limited = await jsonFeed('cats=cs.LG&digest=daily&days=4&limit=1');
    expect(limited.items.map((i) => i._arxiv.papers.length)).toEqual([1, 1, 1, 1]);
    expect(limited.items[0]!.title).toBe('cs.LG · Thu 18 Dec 2025 · 1 paper');
    expect(limited.items[0]!.content_html).toMatch(/Showing 1 of 2 papers; left out: 1 past limit=1\./);
  });

  it('lists each item’s papers in rank order with linked title, authors, category, score, matched terms and the abstract collapsed', async () => {
    const { items } = await jsonFeed('cats=cs.AI,cs.CL,cs.DC,cs.LG&digest=weekly&days=3&q=llm,quantization,inference');
    for (const item of items) {
      const scores = item._arxiv.papers.map((p) => p.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
    const html = items[0]!.content_html;
    const top = items[0]!._arxiv.papers[0]!;
    expect(html).toContain(`<a href="https://arxiv.org/abs/${top.id}">`);
    expect(html).toMatch(/<p>cs\.\w+ · Score [\d.]+ · matched: [^<]*\((title|abstract)\)/);
    expect(html).toContain('<details><summary>Abstract</summary><p>');
    expect(html.indexOf(`abs/${top.id}"`)).toBeLessThan(html.indexOf(`abs/${items[0]!._arxiv.papers[1]!.id}"`));
  });

  it('keeps ids per selection and period: a wider window keeps them, another selection changes them', async () => {
    const narrow = await jsonFeed('cats=cs.LG&digest=daily&days=1');
    const wide = await jsonFeed('cats=cs.LG&digest=daily&days=4&limit=3');
    expect(wide.items[0]!.id).toBe(narrow.items[0]!.id);
    const other = await jsonFeed('cats=cs.LG&digest=daily&days=1&q=llm');
    expect(periodOf(other.items[0]!.id)).toBe('2025-12-18');
    expect(other.items[0]!.id).not.toBe(narrow.items[0]!.id);
  });

  it('has no item for a period where nothing passes, and says so', async () => {
    // Only the Tuesday papers (synthetic, "sparse attention") mention sparse.
    const feed = await jsonFeed('cats=cs.LG&digest=daily&days=4&q=sparse&min_score=1');
    expect(feed.items.map((i) => periodOf(i.id))).toEqual([TUESDAY]);
    expect(feed._arxiv.notices).toContain('No paper of this selection on 2025-12-18, 2025-12-11, 2025-12-05: no item for them.');
  });

  it('a summary stored later moves the item’s date_modified and adds its TL;DR under the label, the id stays', async () => {
    const qs = 'cats=cs.LG&digest=daily&days=1';
    const before = (await jsonFeed(qs)).items[0]!;
    expect(before.date_modified).toBe('2025-12-18T00:00:00.000Z');
    const paper = referencePapers.find((p) => p.id === before._arxiv.papers[0]!.id)!;
    const store = await getStore();
    await store.putSummary(summaryFor(paper, 'Drafts with diffusion & verifies <fast>.'), '2025-12-18', summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini' }));
    const after = (await jsonFeed(qs)).items[0]!;
    expect(after.id).toBe(before.id);
    expect(after.date_modified).toBe('2025-12-18T06:00:00.000Z');
    expect(after._arxiv.papers[0]!.tldr).toBe('Drafts with diffusion & verifies <fast>.');
    expect(after.content_html).toContain('<p><strong>AI summary (gpt-4o-mini, from the abstract):</strong> Drafts with diffusion &amp; verifies &lt;fast&gt;.</p>');
    const atom = await (await get(`${qs}&format=atom`)).text();
    expect(atom).toContain('<updated>2025-12-18T06:00:00.000Z</updated>');
  });

  it('answers 304 to its own ETag', async () => {
    const first = await get('cats=cs.LG&digest=weekly&format=rss');
    const again = await get('cats=cs.LG&digest=weekly&format=rss', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    const per = await get('cats=cs.LG&format=rss');
    expect(per.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('refuses a digest it does not know, naming the parameter', async () => {
    const res = await get('cats=cs.LG&digest=monthly');
    expect(res.status).toBe(400);
    expect((await res.json()).issues).toEqual([{ path: 'digest', message: 'must be one of daily, weekly' }]);
    expect((await get('cats=cs.LG&digest=daily&digest=weekly')).status).toBe(400);
  });

  it('serves a saved profile’s digest field at /api/feed/<token>', async () => {
    const token = newProfileToken();
    const profile = ProfileSchema.parse({ categories: ['cs.LG'], days: 2, digest: 'weekly' });
    await (await getStore()).putProfile(token, JSON.stringify(profile));
    const res = await GET_TOKEN(new Request(`http://localhost/api/feed/${token}?format=json`), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(200);
    const items = (await res.json()).items as JsonItem[];
    expect(items.map((i) => periodOf(i.id))).toEqual(['2025-W51', '2025-W50']);
    const md = await GET_TOKEN(new Request(`http://localhost/api/feed/${token}?format=md`), { params: Promise.resolve({ token }) });
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await md.text()).toMatch(/^## cs\.LG · week 51, 16–18 Dec 2025 · 5 papers$/m);
  });
});
