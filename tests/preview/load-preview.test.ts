import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperCard } from '../../app/_components/paper-card';
import { StatusPanel } from '../../app/_components/status-panel';
import { getEnv } from '../../lib/env';
import { loadPreview } from '../../lib/preview/load-preview';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { seedStore } from './seed-store';

const NOW = new Date('2025-12-06T20:00:00Z'); // Saturday in New York
const ORIGIN = 'http://127.0.0.1:3999';
let dir: string;
let store: Store;
const env = getEnv({ DATA_DIR: '/nonexistent' });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'preview-'));
  store = new Store(createEmbeddedDriver(dir), 'af:');
});
afterEach(async () => {
  await store.driver.close();
  await rm(dir, { recursive: true, force: true });
});

const load = (query = '', now = NOW) => loadPreview({ store, query: new URLSearchParams(query), origin: ORIGIN, now, env });
const cardsHtml = (m: Awaited<ReturnType<typeof load>>) =>
  m.cards.items.map((item, i) => renderToStaticMarkup(createElement(PaperCard, { item, rank: i + 1, ranked: m.ranked }))).join('\n');

describe('loadPreview', () => {
  it('shows the default profile of the newest day, with stats, runs and a weekend notice', async () => {
    await seedStore(store);
    const m = await load();
    expect(m.profile.categories).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
    expect(m.doc.days).toEqual(['2025-12-05']);
    expect(m.doc.items.length).toBeGreaterThan(10);
    expect(m.stats).toMatchObject({ papersShown: m.doc.items.length, papersMatched: m.doc.items.length });
    expect(m.freshness).toMatchObject({ latestDay: '2025-12-05', expectedDay: '2025-12-05', stale: false });
    expect(m.ranked).toBe(true);
    expect(m.cards).toMatchObject({ page: 1, pages: 1, total: m.doc.items.length });
    expect(m.stats.lastUpdated).toBe('2025-12-05T06:00:00.000Z');
    expect(m.runs.ingest?.state).toBe('ok');
    expect(m.notices.map((n) => n.text).join('\n')).toContain('showing the last announcement of Friday, 5 December 2025');
    expect(m.notices.filter((n) => n.text.includes('OPENAI_API_KEY'))).toHaveLength(1);
    expect(m.links.rss).toMatch(/^http:\/\/127\.0\.0\.1:3999\/api\/feed\?cats=cs\.AI%2Ccs\.CL%2Ccs\.DC%2Ccs\.LG&/);
    expect(m.doc.items.find((i) => i.summary)?.summary?.html).toContain('Adaptive drafting');
  });

  it('applies the builder query with the same parser as /api/feed', async () => {
    await seedStore(store);
    const m = await load('cats=cs.LG&days=2&q=kernel');
    expect(m.profile).toMatchObject({ categories: ['cs.LG'], keywords: ['kernel'], days: 2 });
    expect(m.doc.days).toEqual(['2025-12-05', '2025-12-04']);
    expect(m.doc.items.every((i) => i.paper.categories.includes('cs.LG'))).toBe(true);
    expect(m.links.rss).toBe(`${ORIGIN}/api/feed?cats=cs.LG&q=kernel&days=2&format=rss`);
  });

  it('reports bad input instead of failing, and shows the base profile', async () => {
    await seedStore(store);
    const m = await load('cats=nope.XX&days=99');
    expect(m.inputError?.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['days']));
    expect(m.profile.categories).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
  });

  it('loads a saved profile by token (secret links), and flags an unknown one', async () => {
    await seedStore(store);
    await store.putProfile('tok_1234567890abcdef_0123456789a', JSON.stringify({ categories: ['cs.CL'], keywords: ['decoding'] }));
    const saved = await load('profile=tok_1234567890abcdef_0123456789a');
    expect(saved.token).toBe('tok_1234567890abcdef_0123456789a');
    expect(saved.profile.categories).toEqual(['cs.CL']);
    expect(saved.linksAreSecret).toBe(true);
    expect(saved.links.rss).toBe(`${ORIGIN}/api/feed/tok_1234567890abcdef_0123456789a?format=rss`);
    const edited = await load('profile=tok_1234567890abcdef_0123456789a&cats=cs.LG');
    expect(edited.token).toBe('tok_1234567890abcdef_0123456789a');
    expect(edited.linksAreSecret).toBe(false);
    const missing = await load('profile=doesnotexist123');
    expect(missing).toMatchObject({ token: null, unknownToken: true });
  });

  it('says "fetching" on an empty store and gives the reason when arXiv failed', async () => {
    expect((await load()).notices[0]!.text).toContain('Fetching today’s papers');
    await store.putStatus({ kind: 'ingest', state: 'failed', startedAt: NOW.toISOString(), counts: {}, error: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' });
    const m = await load();
    expect(m.notices[0]).toMatchObject({ tone: 'error' });
    expect(m.notices[0]!.text).toContain('ECONNREFUSED');
  });
});

describe('StatusPanel', () => {
  it('counts the papers shown of those matched, and names the selection’s own categories', async () => {
    await seedStore(store);
    const m = await load('cats=cs.LG&limit=4');
    expect(m.stats).toEqual({ lastUpdated: '2025-12-05T06:00:00.000Z', papersShown: 4, papersMatched: 15 });
    const html = renderToStaticMarkup(createElement(StatusPanel, { model: m }));
    expect(html).toContain('<dt>Papers</dt><dd title="15 papers of the shown days match this selection; 11 left out by min score or the limit">4 of 15</dd>');
    expect(html).toMatch(/<dt>Categories<\/dt><dd class="stat-categories" title="cs.LG">cs.LG<\/dd>/);
    expect(html).not.toContain('out of date');
  });

  it('flags an announcement older than arXiv’s schedule allows, on the page and in its notices', async () => {
    await seedStore(store);
    const m = await load('', new Date('2026-12-01T12:00:00Z'));
    expect(m.freshness).toMatchObject({ latestDay: '2025-12-05', expectedDay: '2026-12-01', stale: true });
    expect(renderToStaticMarkup(createElement(StatusPanel, { model: m }))).toContain('out of date');
    expect(m.notices[0]).toMatchObject({ tone: 'warn' });
    expect(m.notices[0]!.text).toMatch(/^Out of date: these papers are from arXiv’s announcement of Friday, 5 December 2025\. By arXiv’s schedule 257 newer mailings, up to Tuesday, 1 December 2026/);
  });

  it('says the summaries on screen were made earlier when the key is gone', async () => {
    await seedStore(store);
    const m = await load();
    const texts = m.notices.map((n) => n.text);
    expect(texts).toContain(`Showing summaries made earlier for 1 of ${m.doc.items.length} papers; new summaries are off: set OPENAI_API_KEY on this server to turn them on.`);
    expect(texts.join(' ')).not.toContain('abstracts only');
  });
});

describe('PaperCard', () => {
  it('renders hostile titles, abstracts and authors as text, and math with KaTeX', async () => {
    await seedStore(store);
    const html = cardsHtml(await load());
    // Titles lose their markup (plain text in every format); abstracts and authors show it as text.
    expect(html).toContain('>Robust <mark>Decoding</mark>');
    expect(html).not.toContain('onerror');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('Mallory &lt;b&gt;Example&lt;/b&gt;');
    expect(html).not.toMatch(/<img|<script|<b>/i);
    expect(html).toContain('class="katex"');
    expect(html).toContain('https://arxiv.org/pdf/2512.09902v1');
  });

  it('folds a summary to its TL;DR under the label the feeds use', async () => {
    await seedStore(store);
    const html = cardsHtml(await load());
    expect(html).toContain(
      '<details class="summary"><summary><span class="summary-label">AI summary (gpt-4o-mini, from the abstract)</span><span class="summary-tldr">Adaptive drafting speeds up the generation stage of RLHF training.</span></summary>',
    );
    expect(html).not.toContain('Generated by');
  });

  it('shows scores only when the selection ranks papers', async () => {
    await seedStore(store);
    expect(cardsHtml(await load())).toContain('class="score"');
    const unranked = await load('cats=cs.LG');
    expect(unranked.ranked).toBe(false);
    expect(cardsHtml(unranked)).not.toContain('score');
  });
});
