import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FeedDocument, FeedItem } from '../../lib/feed/feed-document';
import { renderFeed } from '../../lib/feed/render-feed';
import type { Paper } from '../../lib/model/paper';
import { hostileDocument } from './feed-fixtures';

const HOSTILE_TITLE = 'Tiny$H^3$Fusion & <b>bold</b> ]]> \u0001ctl 🚀 عربى עברית TinyD\\\'ej\\`aVu "q" \'a\'';
/** Control characters go, and so does HTML markup: titles are plain text in every format. */
const CLEAN_TITLE = HOSTILE_TITLE.replace('\u0001', '').replace('<b>bold</b>', 'bold');
const HOSTILE_ABSTRACT = 'We show $\\mathcal{O}(n^2)$ < 3 & x > 2; ]]> and <script>alert(1)</script> \uFFFE end.';

const paper = (over: Partial<Paper> = {}): Paper => ({
  id: '2512.04752',
  version: 2,
  title: HOSTILE_TITLE,
  abstract: HOSTILE_ABSTRACT,
  authors: ['Kurt G\\"odel', 'Ana & <Bob>', 'محمد'],
  categories: ['cs.LG', 'cs.AI'],
  announceType: 'replace',
  announced: '2025-12-18',
  firstAnnounced: '2025-12-05',
  ...over,
});

const item = (over: Partial<FeedItem> = {}): FeedItem => ({
  paper: paper(),
  score: 12.345,
  matches: [
    { term: 'rlhf', where: 'title', points: 3 },
    { term: 'rlhf', where: 'abstract', points: 1 },
    { term: '"kv cache"', where: 'abstract', points: 2 },
  ],
  update: null,
  summary: {
    html: '<p>TL;DR &amp; more</p>',
    text: 'TL;DR & more',
    tldr: 'TL;DR & more',
    model: 'm',
    language: 'en',
    createdAt: '2025-12-18T06:00:00Z',
    source: 'abstract',
    label: 'AI summary (m, from the abstract)',
  },
  updated: '2025-12-18T06:00:00.000Z',
  ...over,
});

const doc = (items: FeedItem[] = [item()]): FeedDocument => hostileDocument(items, { title: 'arXiv cs.LG: rlhf, "kv cache" & <x> \u0002' });

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, isArray: (name) => ['item', 'entry', 'category', 'link', 'author'].includes(name) });

describe('cleanFeedDocument', () => {
  it('strips XML-illegal characters from every string, once, leaving the rest untouched', () => {
    const d = doc();
    expect(d.items[0]!.paper.title).toBe(CLEAN_TITLE);
    expect(d.items[0]!.paper.abstract).not.toContain('\uFFFE');
    expect(d.title).toBe('arXiv cs.LG: rlhf, "kv cache" & <x> ');
    expect(d.items[0]!.score).toBe(12.345);
  });
});

describe('renderFeed rss', () => {
  const { body, contentType } = renderFeed(doc(), 'rss');
  const rss = parser.parse(body).rss;
  const it0 = rss.channel.item[0];

  it('is well-formed RSS 2.0 with the right media type', () => {
    expect(XMLValidator.validate(body)).toBe(true);
    expect(contentType).toBe('application/rss+xml; charset=utf-8');
    expect(rss['@_version']).toBe('2.0');
    expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('round-trips hostile titles exactly', () => {
    expect(it0.title).toBe(CLEAN_TITLE);
    expect(rss.channel.title).toBe('arXiv cs.LG: rlhf, "kv cache" & <x> ');
  });

  it('has a per-paper guid, abstract link, dc:creator, pubDate, arXiv categories only, and the score', () => {
    expect(it0.link).toEqual(['https://arxiv.org/abs/2512.04752']);
    expect(it0.guid['#text']).toBe('https://arxiv.org/abs/2512.04752');
    expect(it0['dc:creator']).toBe('Kurt G\\"odel, Ana & <Bob>, محمد');
    expect(it0.pubDate).toBe('Thu, 18 Dec 2025 00:00:00 GMT');
    expect(it0['arxiv:announce_type']).toBe('replace');
    expect(it0['arxiv-feeds:score']).toBe('12.35');
    const cats = it0.category.map((c: string | { '#text': string }) => (typeof c === 'string' ? c : c['#text']));
    // matched terms are no subjects: readers would list "rlhf" next to cs.LG
    expect(cats).toEqual(['cs.LG', 'cs.AI']);
    expect(body).toContain('<atom:link href="http://localhost/api/feed?cats=cs.LG&amp;q=rlhf,%22kv%20cache%22&amp;format=atom" rel="self"');
  });

  it('puts the labelled summary above the abstract and its heading, escaped, with PDF/HTML links', () => {
    const html: string = it0.description;
    expect(html.startsWith('<h3>AI summary (m, from the abstract)</h3><p>TL;DR &amp; more</p>')).toBe(true);
    expect(html.indexOf('TL;DR')).toBeLessThan(html.indexOf('<h3>Abstract</h3>'));
    expect(html.indexOf('<h3>Abstract</h3>')).toBeLessThan(html.indexOf('mathcal'));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Score 12.35 · matched: rlhf (title, abstract); &quot;kv cache&quot; (abstract)');
    expect(html).toContain('<a href="https://arxiv.org/pdf/2512.04752v2">PDF</a>');
    expect(html).toContain('<a href="https://arxiv.org/html/2512.04752v2">HTML</a>');
    expect(html).toContain('v2, first announced 2025-12-05');
  });
});

describe('renderFeed atom', () => {
  const { body, contentType } = renderFeed(doc(), 'atom');
  const feed = parser.parse(body).feed;
  const e = feed.entry[0];

  it('is well-formed Atom 1.0', () => {
    expect(XMLValidator.validate(body)).toBe(true);
    expect(contentType).toBe('application/atom+xml; charset=utf-8');
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('http://localhost/api/feed?cats=cs.LG&q=rlhf,%22kv%20cache%22&format=atom');
    expect(feed.updated).toBe('2025-12-18T01:00:00.000Z');
    expect(feed.link.map((l: Record<string, string>) => l['@_rel'])).toEqual(['self', 'alternate']);
  });

  it('round-trips hostile text exactly and escapes it in the markup', () => {
    expect(e.title['#text']).toBe(CLEAN_TITLE);
    expect(e.summary['#text']).toBe(HOSTILE_ABSTRACT.replace('\uFFFE', ''));
    expect(body).toContain('Fusion &amp; bold ]]&gt;');
    expect(body).toContain('&amp; &lt;x&gt; </title>');
    expect(e.author.map((a: { name: string }) => a.name)).toEqual(['Kurt G\\"odel', 'Ana & <Bob>', 'محمد']);
  });

  it('carries id, dates, links, categories with schemes, html content with the summary first', () => {
    expect(e.id).toBe('https://arxiv.org/abs/2512.04752');
    // the item's own last change (here its summary), not the announcement day
    expect(e.updated).toBe('2025-12-18T06:00:00.000Z');
    expect(e.published).toBe('2025-12-05T00:00:00Z');
    expect(e.link[0]['@_href']).toBe('https://arxiv.org/abs/2512.04752');
    expect(e.link[1]['@_href']).toBe('https://arxiv.org/pdf/2512.04752v2');
    expect(e.category.map((c: Record<string, string>) => c['@_term'])).toEqual(['cs.LG', 'cs.AI']);
    expect(e.content['@_type']).toBe('html');
    expect(e.content['#text'].startsWith('<h3>AI summary (m, from the abstract)</h3><p>TL;DR &amp; more</p>')).toBe(true);
    expect(e['arxiv:announce_type']).toBe('replace');
  });

  it('gives an entry without authors a placeholder author (RFC 4287 requires one)', () => {
    const body2 = renderFeed(doc([item({ paper: paper({ authors: [] }) })]), 'atom').body;
    expect(parser.parse(body2).feed.entry[0].author[0].name).toBe('(no author listed)');
  });
});

describe('renderFeed json', () => {
  const { body, contentType } = renderFeed(doc(), 'json');
  const feed = JSON.parse(body);
  const i0 = feed.items[0];

  it('is JSON Feed 1.1 with feed-level extension', () => {
    expect(contentType).toBe('application/feed+json; charset=utf-8');
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toContain('/api/feed?');
    expect(feed._arxiv.not_ingested).toEqual(['quant-ph']);
    expect(feed._arxiv.notices).toEqual(['Category quant-ph is not ingested yet.']);
  });

  it('items carry ids, both contents, authors, tags, date and the _arxiv extension', () => {
    expect(i0.id).toBe('https://arxiv.org/abs/2512.04752');
    expect(i0.url).toBe('https://arxiv.org/abs/2512.04752');
    expect(i0.title).toBe(CLEAN_TITLE);
    expect(i0.content_html).toContain('&lt;script&gt;');
    expect(i0.content_text).toContain('<script>alert(1)</script>');
    expect(i0.content_text.indexOf('AI summary (m, from the abstract):\nTL;DR & more')).toBe(0);
    expect(i0.content_text).toContain('Abstract:\nWe show');
    expect(i0.summary).toBe('AI summary: TL;DR & more');
    expect(i0.date_modified).toBe('2025-12-18T06:00:00.000Z');
    expect(i0.authors).toEqual([{ name: 'Kurt G\\"odel' }, { name: 'Ana & <Bob>' }, { name: 'محمد' }]);
    expect(i0.tags).toEqual(['cs.LG', 'cs.AI']);
    expect(i0.date_published).toBe('2025-12-18T00:00:00Z');
    expect(i0._arxiv).toMatchObject({ announce_type: 'replace', score: 12.345, matched_terms: ['rlhf', '"kv cache"'], version: 2, summary_source: 'abstract' });
    expect(i0._arxiv.matches).toHaveLength(3);
  });
});

describe('item without summary or matches', () => {
  it('renders no summary block and a bare score line', () => {
    const { body } = renderFeed(doc([item({ summary: null, matches: [], score: 0 })]), 'json');
    const i0 = JSON.parse(body).items[0];
    expect(i0.content_html.startsWith('<p><strong>Score 0</strong></p>')).toBe(true);
    expect(i0.summary).toBeUndefined();
    expect(i0.content_text).not.toContain('AI summary');
  });
});
