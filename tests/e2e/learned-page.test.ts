/**
 * Learned relevance on the page, in a real browser (Debian's Chromium via playwright-core)
 * against a production `next start` on an embedded store of topical papers and one saved
 * profile; the arXiv API is the local stand-in (for the import's id_list lookup), the LLM a
 * closed port: nothing leaves the machine. A card's "More like this" / "Less like this" record
 * and undo, the panel lists what is liked and resets it, and a BibTeX upload of three entries
 * (an eprint field, an arXiv URL of a paper the store lacks, one without any id) adds two and
 * names the third. Screenshots (desktop 1280×900, phone 390×844) go to test-output/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileSchema } from '../../lib/model/profile';
import { newProfileToken } from '../../lib/profiles/profile-token';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';
import { ensureFreshBuild, freePort, ROOT, startNext, type RunningNext } from '../../scripts/support/next-server';
import { apiFeedXml } from '../helpers/api-feed';
import { topicPaper, topicWindow } from '../score/learned-papers';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRE_BROWSER = ['1', 'true'].includes(process.env.REQUIRE_BROWSER ?? '');
const HAS_BROWSER = existsSync(CHROMIUM);
const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
const DAY = '2025-12-05';
const stored = topicPaper('serving', 2, DAY);
/** On arXiv only: the import fetches it. */
const remote = topicPaper('serving', 40, '2025-06-02');

const BIB = String.raw`@misc{kvcache,
  title = {${stored.title}},
  eprint = {${stored.id}},
  archivePrefix = {arXiv},
  primaryClass = {cs.LG}
}
@article{remote,
  title = {Serving LLMs with a paged KV cache},
  url = {https://arxiv.org/abs/${remote.id}v1},
  year = {2025}
}
@book{knuth1984, title = {The {\TeX}book}, author = {Knuth, Donald}, year = {1984}}
`;

if (!HAS_BROWSER && !REQUIRE_BROWSER) console.warn(`[e2e] learned page skipped: ${CHROMIUM} not found (apt-get install chromium; CI sets REQUIRE_BROWSER=1)`);

describe.skipIf(!HAS_BROWSER && !REQUIRE_BROWSER)('learned relevance on the page, in Chromium', () => {
  let dataDir: string;
  let server: RunningNext;
  let browser: Browser;
  let arxiv: FakeArxiv;
  const token = newProfileToken();
  const violations: string[] = [];

  beforeAll(async () => {
    if (!HAS_BROWSER) throw new Error(`REQUIRE_BROWSER is set but ${CHROMIUM} is missing`);
    ensureFreshBuild();
    arxiv = await startFakeArxiv({ api: apiFeedXml([remote]) });
    dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-learned-'));
    const store = new Store(createEmbeddedDriver(dataDir), 'af:');
    await store.commitDay(DAY, { 'cs.LG': topicWindow(8, DAY) }, new Date(`${DAY}T06:00:00Z`));
    await store.putProfile(token, JSON.stringify(ProfileSchema.parse({ categories: ['cs.LG'], keywords: ['cache'] })));
    await store.driver.close();
    const closed = `http://127.0.0.1:${await freePort()}`;
    server = await startNext({
      ...process.env,
      DATA_DIR: dataDir,
      STORE_PREFIX: 'af:',
      DISABLE_AUTO_INGEST: '1',
      ARXIV_RSS_URL: `${closed}/rss`,
      ARXIV_API_URL: arxiv.apiUrl,
      ARXIV_MIN_INTERVAL_MS: '0',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: `${closed}/v1`,
      EMBEDDINGS_MODEL: '',
      PUBLIC_BASE_URL: '',
      ARXIV_CATEGORIES: '',
      DEFAULT_KEYWORDS: '',
      REDIS_URL: '',
      KV_REST_API_URL: '',
      KV_REST_API_TOKEN: '',
      UPSTASH_REDIS_REST_URL: '',
      UPSTASH_REDIS_REST_TOKEN: '',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await arxiv?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function open(width = 1280, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/i.test(m.text())) violations.push(m.text());
    });
    // Confirm dialogs (the panel's reset) are accepted: the reader said yes.
    page.on('dialog', (d) => void d.accept());
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto(`${server.url}/?profile=${token}`, { waitUntil: 'networkidle' });
    return page;
  }

  const saved = async () => (await (await fetch(`${server.url}/api/profiles/${token}`)).json()).profile as { liked?: string[]; disliked?: string[] };
  const card = (page: Page, id: string) => page.locator('li.paper', { has: page.locator('.paper-id', { hasText: `${id}v` }) });

  it('records “More like this” and “Less like this” from a card, shows the state, and undoes it', async () => {
    const page = await open();
    const target = topicPaper('proteins', 4, DAY);
    const more = card(page, target.id).getByRole('button', { name: 'More like this' });
    expect(await more.getAttribute('aria-pressed')).toBe('false');
    await more.click();
    await card(page, target.id).getByRole('status').filter({ hasText: 'Recorded “More like this”' }).waitFor({ timeout: 15_000 });
    expect((await saved()).liked).toEqual([target.id]);
    // The page is rendered again: the panel lists the paper, the card keeps its pressed state.
    await page.locator('#learned-heading ~ ul li', { hasText: target.title }).waitFor({ timeout: 15_000 });
    expect(await card(page, target.id).getByRole('button', { name: 'More like this' }).getAttribute('aria-pressed')).toBe('true');
    await card(page, target.id).getByRole('button', { name: 'Undo' }).click();
    await card(page, target.id).getByRole('status').filter({ hasText: 'Undone' }).waitFor({ timeout: 15_000 });
    expect((await saved()).liked).toEqual([]);
    expect(await card(page, target.id).getByRole('button', { name: 'More like this' }).getAttribute('aria-pressed')).toBe('false');

    const less = card(page, target.id).getByRole('button', { name: 'Less like this' });
    await less.click();
    await card(page, target.id).getByRole('status').filter({ hasText: 'Recorded “Less like this”' }).waitFor({ timeout: 15_000 });
    expect((await saved()).disliked).toEqual([target.id]);
    // Pressing the pressed button takes it back too.
    await card(page, target.id).getByRole('button', { name: 'Less like this', pressed: true }).click();
    await card(page, target.id).getByRole('status').filter({ hasText: 'Undone' }).waitFor({ timeout: 15_000 });
    expect((await saved()).disliked).toEqual([]);
    expect(violations).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('imports a BibTeX file: 2 added (one fetched from arXiv), 1 unresolved; then ranks the liked subject first', async () => {
    const page = await open();
    const asked = arxiv.requestsOf('api').length;
    await page.locator('#import-file').setInputFiles({ name: 'my-papers.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from(BIB) });
    await page.getByRole('button', { name: 'Import as liked' }).click();
    const result = page.locator('form', { has: page.locator('#import-file') }).locator('[aria-live]');
    await result.getByText(/^Added 2 papers/).waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('Added 2 papers · 1 fetched from arXiv to learn from.');
    expect(await result.innerText()).toContain('Could not resolve 1:');
    expect(await result.locator('li').allInnerTexts()).toEqual(['knuth1984: The TeXbook — no arXiv id, arXiv URL or arXiv DOI in it']);
    expect((await saved()).liked).toEqual([stored.id, remote.id]);
    expect(arxiv.requestsOf('api').slice(asked).map((r) => r.query.get('id_list'))).toEqual([remote.id]);
    // The panel names both, the fetched one by its arXiv title; the cards rank serving papers first.
    const panel = page.locator('section', { has: page.locator('#learned-heading') });
    await panel.getByRole('link', { name: remote.title }).waitFor({ timeout: 15_000 });
    const firstIds = await page.locator('li.paper .paper-id').evaluateAll((els) => els.slice(0, 6).map((e) => e.textContent ?? ''));
    expect(firstIds.every((id) => id.startsWith('2501.1'))).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'learned-page-desktop-light.png'), fullPage: false });
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'learned-panel-desktop-light.png') });
    await card(page, stored.id).screenshot({ path: path.join(SCREENSHOTS, 'learned-card-liked-light.png') });
    // The README's picture (docs/learned-relevance.png is a copy): cards and the panel with the import's answer, small.
    await page.setViewportSize({ width: 980, height: 800 });
    await page.locator('#learned-heading').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 24));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'learned-relevance-docs.png') });
    expect(violations).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('fits a phone: the panel behind “Build your feed”, the buttons under each card; reset empties the lists', async () => {
    const page = await open(390, 844);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await card(page, topicPaper('serving', 5, DAY).id).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'learned-cards-phone-light.png') });
    await page.locator('summary.builder-toggle').click();
    const panel = page.locator('section', { has: page.locator('#learned-heading') });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'learned-panel-phone-light.png') });
    await panel.getByRole('button', { name: 'Reset likes and dislikes' }).click();
    await panel.getByText(/Press “More like this”/).waitFor({ timeout: 15_000 });
    expect(await saved()).not.toHaveProperty('liked');
    expect(violations).toEqual([]);
    await page.context().close();
  }, 120_000);
});
