/**
 * lib/feed/xml-serialize.ts replaced fast-xml-parser's XMLBuilder; this checks it byte for byte
 * against the library, configured exactly as html-fragment.ts and render-atom.ts used it: fixed
 * corpora of nasty text, attribute values and tree shapes, a real Atom document, and a seeded fuzz.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FeedDocument, FeedItem } from '../../lib/feed/feed-document';
import { feedbackLinks } from '../../lib/feed/feedback-links';
import { h, renderHtml, type HtmlNode } from '../../lib/feed/html-fragment';
import { atomObject, renderAtom } from '../../lib/feed/render-atom';
import { summaryToHtml, summaryToText, summaryToTldr } from '../../lib/feed/render-summary';
import { escapeXml, serializeXmlObject, type XmlObject, type XmlValue } from '../../lib/feed/xml-serialize';
import type { Paper } from '../../lib/model/paper';
import { makePaper, makeSummary } from '../helpers/make-papers';
import { hostileDocument, referencePapers } from './feed-fixtures';

// The oracles: the builders and the conversion the old html-fragment.ts / render-atom.ts used.
const orderedBuilder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', suppressEmptyNode: false, processEntities: true, format: false });
const toOrdered = (node: HtmlNode): Record<string, unknown> =>
  typeof node === 'string' ? { '#text': node } : { [node.tag]: node.children.map(toOrdered), ...(node.attrs ? { ':@': node.attrs } : {}) };
const oracleHtml = (nodes: HtmlNode[]): string => (nodes.length ? (orderedBuilder.build(nodes.map(toOrdered)) as string) : '');
const objectBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, format: false });
/**
 * The library writes an attribute valued `true` bare (` name`, not XML); ours quotes it. The oracle
 * builds such values as a sentinel and quotes them back, so every other byte is still compared.
 */
const TRUE_SENTINEL = 'xml-serialize-true-sentinel';
const withSentinel = (value: XmlValue): XmlValue => {
  if (Array.isArray(value)) return value.map(withSentinel);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k.startsWith('@_') && (v === true || v === 'true') ? TRUE_SENTINEL : withSentinel(v)]),
  );
};
const oracleXml = (obj: XmlObject): string => (objectBuilder.build(withSentinel(obj)) as string).replaceAll(`"${TRUE_SENTINEL}"`, '"true"');

const NASTY = [
  '',
  'plain words',
  '&',
  '<',
  '>',
  "'",
  '"',
  '&amp; already escaped &lt;b&gt; &#39; &quot;',
  '<script>alert("x")</script>',
  `Tom & Jerry's "show" <b>bold</b> a>b<c`,
  'é ü ß — “curly” ‘quotes’ … €',
  '🚀 𝔸𝕓𝕔 \u{1F600}\u{10FFFF} astral',
  'عربى עברית 日本語',
  'lone surrogates \uD83D and \uDE00',
  'true',
  'false',
  '  leading and trailing  ',
  'line\nbreak\ttab\r\n',
  ']]> <![CDATA[x]]> <!-- comment --> <?pi?>',
  '$\\mathcal{O}(n^2)$ < 3 & x > 2;',
  '&&&<<<>>>\'\'\'"""',
  'https://example.org/?a=1&b="2"&c=<3>',
];

function htmlCorpus(): HtmlNode[][] {
  const trees: HtmlNode[][] = [[], [''], ['', ''], [h('p', null)], [h('p', {})], [h('p', { hidden: '' })], [h('br', null), h('hr', null)]];
  for (const s of NASTY) {
    trees.push([s], [h('p', null, s)], [h('a', { href: s, title: s }, s)], [h('p', { 'data-x': s }, h('em', null, s), s, h('strong', null))]);
  }
  trees.push([
    h('p', null, h('strong', null, 'Score 2.25 · matched: ', 'a & b', '; like ', h('em', null, 'A "liked" <title>'), ' (+2.1)')),
    h('p', null, h('em', null, NASTY.join(', '))),
    h('h3', null, 'Abstract'),
    h('p', null, h('a', { href: 'https://arxiv.org/abs/2511.10001' }, 'Abstract'), ' · ', h('a', { href: 'https://x/?a=1&b=2' }, 'PDF')),
    h('ol', null, h('li', null, h('ul', null, h('li', null, h('a', { href: "it's", rel: 'true' }, 'deep'))))),
  ]);
  return trees;
}

function atomCorpus(): XmlObject[] {
  const objects: XmlObject[] = [
    { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } },
    { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, feed: {} },
    { feed: { '@_xmlns': 'http://www.w3.org/2005/Atom', '@_xml:lang': 'en' } },
    { feed: { link: [] } },
    { feed: { link: [{ '@_rel': 'self', '@_href': 'a' }] } },
    { feed: { link: [{ '@_rel': 'self', '@_href': 'a' }, { '@_rel': 'alternate', '@_title': '', '@_href': 'b' }] } },
    { feed: { author: [{ name: 'A' }, { name: 'B' }, { name: '' }] } },
    { feed: { generator: '', id: 'x', n: 0, m: -0, f: 1.5, big: 1e21, yes: true, no: false } },
    { feed: { title: { '@_type': 'text', '#text': '' } } },
    { feed: { title: { '#text': '' }, sub: { '#text': 'only text' }, num: { '#text': -0 } } },
    { feed: { a: undefined, b: null, c: { '@_x': undefined, '@_y': null, '@_z': 'z' }, d: [undefined, null, 'd'] } },
    { feed: { e: { '@_bare': true, '@_str': 'true', '@_no': false, '@_zero': 0, '@_neg': -0, '@_empty': '' } } },
    { feed: { mixed: { '#text': 'before & ', child: 'c', '@_late': 'attr after children' } } },
    { feed: { entry: [{ id: '1', category: [{ '@_term': 'cs.LG', '@_scheme': 'http://arxiv.org/schemas/atom' }] }] } },
    { feed: { 'arxiv:announce_type': 'new', 'arxiv-feeds:score': '2.25' } },
  ];
  for (const s of NASTY) {
    objects.push({
      '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
      feed: {
        '@_xml:lang': s,
        id: s,
        title: { '@_type': 'text', '#text': s },
        content: { '@_type': 'html', '#text': `<p>${s}</p>` },
        link: [{ '@_rel': 'related', '@_type': 'text/html', '@_title': s, '@_href': s }],
        author: [s, s].map((name) => ({ name })),
        category: [{ '@_term': s, '@_scheme': s }],
      },
    });
  }
  return objects;
}

const hostile = (over: Partial<Paper> = {}): Paper =>
  makePaper(1, '2025-12-18', 'cs.LG', {
    title: `Tiny$H^3$Fusion & <b>bold</b> 🚀 "q" 'a' עברית`,
    abstract: 'We show $\\mathcal{O}(n^2)$ < 3 & x > 2; ]]> and <script>alert(1)</script> end.',
    authors: ['Kurt G\\"odel', 'Ana & <Bob>', 'محمد'],
    ...over,
  });

function item(paper: Paper, n: number): FeedItem {
  const stored = makeSummary(paper);
  return {
    paper,
    score: n % 3 === 0 ? -1.5 : 12.345 / (n + 1),
    matches: [
      { term: 'rlhf', where: 'title', points: 3 },
      { term: '"kv cache" & <x>', where: 'abstract', points: 2 },
      ...(n % 2 ? [{ term: 'A liked "paper" & <more>', where: 'similar' as const, points: 2.1, id: '2511.10002' }] : []),
      ...(n % 4 === 1 ? [{ term: 'disliked one', where: 'disliked' as const, points: -1.5, id: '2511.10003' }] : []),
    ],
    update: n % 5 === 2 ? { version: paper.version + 1, announced: '2025-12-19' } : null,
    summary:
      n % 3 === 2
        ? null
        : { html: summaryToHtml(stored), text: summaryToText(stored), tldr: summaryToTldr(stored), model: 'm', language: 'en', createdAt: stored.createdAt, source: 'abstract', label: 'AI summary (m, from the abstract)' },
    updated: '2025-12-18T06:00:00.000Z',
    ...(n % 2 ? { feedback: feedbackLinks('https://example.org/p/abc/feedback?x=1&y=2', paper.id) } : {}),
  };
}

function realDocument(): FeedDocument {
  const papers = [hostile(), hostile({ authors: [], categories: [] }), ...referencePapers, ...Array.from({ length: 6 }, (_, i) => makePaper(i + 2, '2025-12-18', 'cs.AI'))];
  return hostileDocument(papers.map(item), { categories: ['cs.LG', 'cs.AI'] });
}

describe('escapeXml', () => {
  it('escapes exactly what XMLBuilder processEntities does, and returns clean strings unchanged', () => {
    for (const s of NASTY) {
      expect(`<x>${escapeXml(s)}</x>`).toBe(oracleXml({ x: s }));
      expect(`<x y="${escapeXml(s)}"></x>`).toBe(oracleHtml([h('x', { y: s })]));
    }
    expect(escapeXml(`&<>'"`)).toBe('&amp;&lt;&gt;&apos;&quot;');
    const clean = 'no specials here é 🚀';
    expect(escapeXml(clean)).toBe(clean);
  });
});

describe('renderHtml (html-fragment) equals XMLBuilder preserveOrder output', () => {
  it.each(htmlCorpus().map((nodes, i) => [i, nodes] as const))('tree %i', (_, nodes) => {
    expect(renderHtml(nodes)).toBe(oracleHtml(nodes));
  });
});

describe('serializeXmlObject equals XMLBuilder object-form output', () => {
  it.each(atomCorpus().map((obj, i) => [i, obj] as const))('object %i', (_, obj) => {
    expect(serializeXmlObject(obj)).toBe(oracleXml(obj));
  });

  it('renders a real feed document exactly as XMLBuilder did', () => {
    const doc = realDocument();
    expect(doc.items.length).toBeGreaterThan(20);
    const out = renderAtom(doc);
    expect(out).toBe(oracleXml(atomObject(doc)));
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    expect(out).toContain('<link rel="self" type="application/atom+xml" href="http://localhost/api/feed?cats=cs.LG&amp;q=rlhf,%22kv%20cache%22&amp;format=atom"></link>');
  });

  it('quotes an attribute valued "true" (the library wrote it bare, which is not XML): a category "true" stays a valid feed', () => {
    expect(serializeXmlObject({ e: { '@_term': 'true', '@_b': true } })).toBe('<e term="true" b="true"></e>');
    expect(objectBuilder.build({ e: { '@_term': 'true' } })).toBe('<e term></e>');
  });

  it('throws for shapes it does not support instead of writing something else', () => {
    expect(() => serializeXmlObject({ a: [['nested']] })).toThrow();
    expect(() => serializeXmlObject({ a: { '#text': { b: 'c' } } as unknown as XmlObject })).toThrow();
    expect(() => serializeXmlObject({ a: new Date(0) as unknown as XmlValue })).toThrow();
    expect(() => serializeXmlObject({ '?xml': 'x' })).toThrow();
  });
});

describe('seeded fuzz against XMLBuilder', () => {
  // mulberry32: deterministic, so a failure reproduces.
  let seed = 0x5eed1234;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const ALPHABET = ['&', '<', '>', "'", '"', ';', '#', '=', '/', '?', '!', '[', ']', '-', 'a', 'Z', '0', ' ', '\n', '\t', 'é', '\u00a0', '€', '🚀', '\uD83D', '&amp;', '&lt;', 'true'];
  const nasty = () => Array.from({ length: Math.floor(rand() * 12) }, () => pick(ALPHABET)).join('');
  const TAGS = ['p', 'em', 'a', 'li', 'x:y', 'arxiv-feeds:score'];
  const ATTRS = ['href', 'title', 'data-x', 'xml:lang'];

  const htmlNode = (depth: number): HtmlNode => {
    if (depth > 3 || rand() < 0.4) return nasty();
    const attrs = rand() < 0.5 ? null : Object.fromEntries(ATTRS.filter(() => rand() < 0.5).map((a) => [a, nasty()]));
    return h(pick(TAGS), attrs, ...Array.from({ length: Math.floor(rand() * 4) }, () => htmlNode(depth + 1)));
  };

  const value = (depth: number): XmlValue => {
    const r = rand();
    if (depth > 3 || r < 0.35) return pick<XmlValue>([nasty(), nasty(), '', 0, -0, 2.25, true, false, undefined, null]);
    if (r < 0.55) return Array.from({ length: Math.floor(rand() * 4) }, () => pick<XmlValue>([nasty(), null, undefined, element(depth + 1)]));
    return element(depth + 1);
  };
  const element = (depth: number): XmlObject => {
    const obj: XmlObject = {};
    for (const a of ATTRS) if (rand() < 0.4) obj[`@_${a}`] = pick<XmlValue>([nasty(), 'true', true, 0, undefined, null, '']);
    if (rand() < 0.5) obj['#text'] = pick<XmlValue>([nasty(), '', -0, undefined]);
    for (const t of TAGS) if (rand() < 0.3) obj[t] = value(depth);
    return obj;
  };

  it('matches on 2,000 random trees of each form', () => {
    for (let i = 0; i < 2000; i++) {
      const nodes = Array.from({ length: Math.floor(rand() * 4) }, () => htmlNode(0));
      expect(renderHtml(nodes)).toBe(oracleHtml(nodes));
      const obj: XmlObject = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, feed: element(0) };
      expect(serializeXmlObject(obj)).toBe(oracleXml(obj));
    }
  });
});
