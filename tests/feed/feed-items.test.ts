/**
 * What one item says, over HTTP through the /api/feed route handler: a replaced paper at its
 * newest version under its first announcement, when it last changed, TeX typeset for reading
 * (math kept) in every format and on the page, names without affiliations, summaries labelled as
 * machine-written, and arXiv categories as the only categories.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { PaperCard } from '../../app/_components/paper-card';
import { getEnv } from '../../lib/env';
import type { Paper } from '../../lib/model/paper';
import { loadPreview } from '../../lib/preview/load-preview';
import { getStore } from '../../lib/store/open-store';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { REPLACED_CROSS_ID, REPLACED_ID, fillStore, referencePapers, summaryFor, useTempEnv } from './feed-fixtures';

const get = (qs: string) => GET(new Request(`http://localhost/api/feed?${qs}`));
const SCOPE = summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini' });
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => ['item', 'entry', 'author', 'category'].includes(n) });

type JsonItem = { id: string; title: string; summary?: string; content_html: string; content_text: string; date_modified: string; external_url: string; authors: { name: string }[]; _arxiv: Record<string, unknown> };
async function jsonItem(qs: string, id: string): Promise<JsonItem> {
  const feed = await (await get(`${qs}&format=json`)).json();
  return feed.items.find((i: JsonItem) => i.id === `https://arxiv.org/abs/${id}`);
}
async function atomEntry(qs: string, id: string) {
  const feed = parser.parse(await (await get(`${qs}&format=atom`)).text()).feed;
  return feed.entry.find((e: { id: string }) => e.id === `https://arxiv.org/abs/${id}`);
}
async function rssItem(qs: string, id: string) {
  const rss = parser.parse(await (await get(qs)).text()).rss;
  return rss.channel.item.find((i: { link: string }) => i.link === `https://arxiv.org/abs/${id}`);
}

const TEX: Paper = {
  ...referencePapers[0]!,
  id: '2512.77777',
  title: "Tiny$H^3$Fusion: \\textbf{IKUN} --- ``fast'' and \\emph{cheap}",
  abstract: 'We cut cost by 50\\% on $\\mathcal{O}(n^2)$ work (see Fig.~2, pages 3--5); code: \\href{https://github.com/ikun/x}{our repo}, data: \\url{https://x.org/~d}.',
  authors: ['Kad{\\i}o\\u{g}lu Ay\\c{s}e', "D\\'enes Nagy (School of Physics, Budapest, Hungary)", 'Przemys{\\l}aw Olbratowski'],
  categories: ['cs.LG'],
  announced: '2025-12-18',
  firstAnnounced: '2025-12-18',
};
const TEX_TITLE = 'Tiny$H^3$Fusion: IKUN — “fast” and cheap';
const TEX_ABSTRACT = 'We cut cost by 50% on $\\mathcal{O}(n^2)$ work (see Fig.\u00a02, pages 3–5); code: our repo (https://github.com/ikun/x), data: https://x.org/~d.';
const TEX_AUTHORS = ['Kadıoğlu Ayşe', 'Dénes Nagy', 'Przemysław Olbratowski'];

describe('feed items', () => {
  beforeAll(async () => {
    await useTempEnv();
    const store = await getStore();
    await fillStore(store);
    const bucket = (await store.readWindow({ sources: ['cs.LG'], days: 1 })).entries.filter((p) => p.announced === '2025-12-18');
    await store.commitDay('2025-12-18', { 'cs.LG': [...bucket, TEX] });
  });

  describe('a paper replaced inside the window', () => {
    const qs = 'cats=cs.LG&days=3&limit=500';

    it('is served at its newest version under the item of its first announcement', async () => {
      const item = await jsonItem(qs, REPLACED_ID);
      expect(item.id).toBe(`https://arxiv.org/abs/${REPLACED_ID}`);
      expect(item._arxiv).toMatchObject({ announce_type: 'new', announced: '2025-12-05', version: 2, updated_to: { version: 2, announced: '2025-12-18' } });
      expect(item.external_url).toBe(`https://arxiv.org/pdf/${REPLACED_ID}v2`);
      expect(item.content_html).toContain('(revised)');
      expect(item.content_html).toContain('updated to v2 on 2025-12-18');
      expect(item.content_text).toContain('updated to v2 on 2025-12-18');
      const rss = await rssItem(qs, REPLACED_ID);
      expect(rss.guid['#text']).toBe(`https://arxiv.org/abs/${REPLACED_ID}`);
      expect(rss.description).toContain(`https://arxiv.org/pdf/${REPLACED_ID}v2`);
    });

    it("shows the newest version's summary, never the old version's", async () => {
      const store = await getStore();
      const old = referencePapers.find((p) => p.id === REPLACED_ID)!;
      await store.putSummary(summaryFor({ id: REPLACED_ID, version: 1 }, 'summary of v1'), old.announced, SCOPE);
      expect((await jsonItem(qs, REPLACED_ID)).content_html).not.toContain('summary of v1');
      await store.putSummary(summaryFor({ id: REPLACED_ID, version: 2 }, 'summary of v2'), old.announced, SCOPE);
      expect((await jsonItem(qs, REPLACED_ID)).content_html).toContain('summary of v2');
    });

    it("moves the item's last change to the day of the newer version", async () => {
      // REPLACED_CROSS_ID: new in cs.CL on 12-05, replaced on 12-18 as a cross-list in cs.AI
      const entry = await atomEntry('cats=cs.CL,cs.AI&days=3&limit=500', REPLACED_CROSS_ID);
      expect(entry['arxiv:announce_type']).toBe('new');
      expect(entry.published).toBe('2025-12-05T00:00:00Z');
      expect(entry.updated).toBe('2025-12-18T00:00:00Z');
      const plain = referencePapers.find((p) => p.announced === '2025-12-11' && p.categories[0] === 'cs.CL')!;
      expect((await atomEntry('cats=cs.CL,cs.AI&days=3&limit=500', plain.id)).updated).toBe('2025-12-11T00:00:00Z');
    });
  });

  it('dates each item by its newest change: a summary written later moves Atom <updated> and JSON date_modified', async () => {
    const paper = referencePapers.find((p) => p.announced === '2025-12-11' && p.categories[0] === 'cs.LG')!;
    const qs = 'cats=cs.LG&days=3&limit=500';
    await (await getStore()).putSummary({ ...summaryFor(paper, 'later'), createdAt: '2025-12-19T08:30:00.000Z' }, paper.announced, SCOPE);
    expect((await atomEntry(qs, paper.id)).updated).toBe('2025-12-19T08:30:00.000Z');
    expect((await jsonItem(qs, paper.id)).date_modified).toBe('2025-12-19T08:30:00.000Z');
  });

  it('typesets TeX in titles, abstracts and names in every format, keeping math and addresses exactly', async () => {
    const qs = 'cats=cs.LG';
    const json = await jsonItem(qs, TEX.id);
    expect(json.title).toBe(TEX_TITLE);
    expect(json.authors.map((a) => a.name)).toEqual(TEX_AUTHORS);
    expect(json.content_text).toContain(TEX_ABSTRACT);
    const atom = await atomEntry(qs, TEX.id);
    expect(atom.title['#text']).toBe(TEX_TITLE);
    expect(atom.summary['#text']).toBe(TEX_ABSTRACT);
    expect(atom.author.map((a: { name: string }) => a.name)).toEqual(TEX_AUTHORS);
    const rss = await rssItem(qs, TEX.id);
    expect(rss.title).toBe(TEX_TITLE);
    expect(rss['dc:creator']).toBe(TEX_AUTHORS.join(', '));
    expect(rss.description).toContain('code: our repo (https://github.com/ikun/x)');
    // the store keeps what arXiv wrote
    const stored = (await (await getStore()).readWindow({ sources: ['cs.LG'], days: 1 })).entries.find((p) => p.id === TEX.id)!;
    expect(stored).toMatchObject({ title: TEX.title, abstract: TEX.abstract, authors: TEX.authors });
  });

  it('typesets TeX on the page too, where KaTeX renders the math', async () => {
    const model = await loadPreview({ store: await getStore(), query: new URLSearchParams('cats=cs.LG'), origin: 'http://localhost', now: new Date('2025-12-18T12:00:00Z'), env: getEnv() });
    const item = model.doc.items.find((i) => i.paper.id === TEX.id)!;
    const html = renderToStaticMarkup(createElement(PaperCard, { item, rank: 1, ranked: model.ranked }));
    expect(html).toContain('IKUN — “fast” and cheap');
    expect(html).toContain('Kadıoğlu Ayşe');
    expect(html).not.toContain('School of Physics');
    expect(html).not.toContain('\\textbf');
    expect(html).toContain('class="katex"');
  });

  it('labels every summary as machine-written, names its source, and heads the abstract', async () => {
    const store = await getStore();
    const [a, b] = referencePapers.filter((p) => p.announced === '2025-12-18' && p.categories[0] === 'cs.DC');
    await store.putSummary(summaryFor(a!, 'from abstract'), a!.announced, SCOPE);
    await store.putSummary({ ...summaryFor(b!, 'from full text'), source: 'fulltext-html' }, b!.announced, SCOPE);
    const rssA = await rssItem('cats=cs.DC', a!.id);
    expect(rssA.description).toMatch(/^<h3>AI summary \(gpt-4o-mini, from the abstract\)<\/h3><h4>TL;DR<\/h4><p>from abstract/);
    expect(rssA.description).toContain('<h3>Abstract</h3>');
    expect((await atomEntry('cats=cs.DC', b!.id)).content['#text']).toContain('<h3>AI summary (gpt-4o-mini, from the full text)</h3>');
    const jsonA = await jsonItem('cats=cs.DC', a!.id);
    expect(jsonA.content_text.startsWith('AI summary (gpt-4o-mini, from the abstract):\n')).toBe(true);
    expect(jsonA.summary).toBe('AI summary: from abstract');
    expect(jsonA._arxiv).toMatchObject({ summary_label: 'AI summary (gpt-4o-mini, from the abstract)', summary_source: 'abstract' });
  });

  it('lists only arXiv categories as categories; matched terms stay in the content and _arxiv.matches', async () => {
    const paper = referencePapers.find((p) => p.announced === '2025-12-18' && /model/i.test(p.title) && p.categories[0] === 'cs.LG')!;
    const qs = 'cats=cs.LG&q=model';
    const rss = await rssItem(qs, paper.id);
    expect(rss.category).toEqual(paper.categories);
    expect(rss.description).toContain('matched: model');
    const atom = await atomEntry(qs, paper.id);
    expect(atom.category.map((c: Record<string, string>) => c['@_term'])).toEqual(paper.categories);
    expect((await jsonItem(qs, paper.id))._arxiv.matches).toEqual([expect.objectContaining({ term: 'model' })]);
  });
});
