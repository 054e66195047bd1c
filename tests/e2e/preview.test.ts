/**
 * The web preview in a real browser (Debian's Chromium via playwright-core) against a production
 * `next start` whose embedded store is filled from tests/fixtures/preview. arXiv URLs point at a
 * closed local port and no LLM key is set: nothing leaves the machine.
 * Screenshots (desktop 1280×900, phone 390×844, light and dark; the phone's builder opened; a card
 * with its summary opened) go to test-output/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/model/paper';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { seedStore } from '../preview/seed-store';
import { ensureFreshBuild, freePort, ROOT, startNext, type RunningNext } from '../../scripts/support/next-server';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRE_BROWSER = ['1', 'true'].includes(process.env.REQUIRE_BROWSER ?? '');
const HAS_BROWSER = existsSync(CHROMIUM);
const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
/** The seed's `<img src=x onerror=alert(1)> Robust Decoding for LLM Agents` as the page shows it. */
const HOSTILE_TITLE_TEXT = 'Robust Decoding for LLM Agents';
/** More than one page of cards (50). */
const MANY = 63;

function manyPapers(day: string, n: number): Paper[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `2512.${30000 + i}`,
    version: 1,
    title: `Calibrated uncertainty for streaming models, study ${i + 1}`,
    abstract: 'We calibrate predictive uncertainty online. '.repeat(6).trim(),
    authors: ['Grace Hopper'],
    categories: ['stat.ML'],
    announceType: 'new' as const,
    announced: day,
    firstAnnounced: day,
  }));
}

if (!HAS_BROWSER && !REQUIRE_BROWSER) console.warn(`[e2e] skipped: ${CHROMIUM} not found (apt-get install chromium; CI sets REQUIRE_BROWSER=1)`);

describe.skipIf(!HAS_BROWSER && !REQUIRE_BROWSER)('web preview in Chromium', () => {
  let dataDir: string;
  let server: RunningNext;
  let browser: Browser;
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (!HAS_BROWSER) throw new Error(`REQUIRE_BROWSER is set but ${CHROMIUM} is missing`);
    // CI builds before `npm test`; a user's `npm test` builds here when the build is missing or stale.
    ensureFreshBuild();
    dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-preview-'));
    const store = new Store(createEmbeddedDriver(dataDir), 'af:');
    const closed = `http://127.0.0.1:${await freePort()}`;
    await seedStore(store, {}, { SUMMARY_MODEL: 'gpt-4o-mini', OPENAI_BASE_URL: `${closed}/v1` });
    // One more category with more papers than a page holds, for the pagination test.
    await store.commitDay('2025-12-05', { 'stat.ML': manyPapers('2025-12-05', MANY) }, new Date('2025-12-05T06:00:00Z'));
    await store.driver.close();
    server = await startNext({
      ...process.env,
      DATA_DIR: dataDir,
      STORE_PREFIX: 'af:',
      DISABLE_AUTO_INGEST: '1',
      CRON_SECRET: 'e2e-cron-secret-0123456789',
      ARXIV_RSS_URL: `${closed}/rss`,
      ARXIV_API_URL: `${closed}/api/query`,
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: `${closed}/v1`,
      // The scope the seeded summary was stored under.
      SUMMARY_MODEL: 'gpt-4o-mini',
      SUMMARY_SOURCE: '',
      PUBLIC_BASE_URL: '',
      // The shipped default profile (config/default-profile.json), whatever the caller's env says.
      ARXIV_CATEGORIES: '',
      DEFAULT_KEYWORDS: '',
      DEFAULT_EXCLUDE: '',
      DEFAULT_AUTHORS: '',
      DEFAULT_MIN_SCORE: '',
      DEFAULT_LIMIT: '',
      PROFILE_CONFIG: '',
      REDIS_URL: '',
      KV_REST_API_URL: '',
      KV_REST_API_TOKEN: '',
      UPSTASH_REDIS_REST_URL: '',
      UPSTASH_REDIS_REST_TOKEN: '',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  type OpenOptions = { width?: number; height?: number; colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean };
  async function open(pathAndQuery = '/', options: OpenOptions = {}): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    // Belt and braces: no request may leave 127.0.0.1.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto(server.url + pathAndQuery, { waitUntil: 'networkidle' });
    return page;
  }

  it('shows today’s papers for the default profile at once, with honest stats and autodiscovery links', async () => {
    const page = await open('/');
    const titles = page.locator('.paper-title');
    const count = await titles.count();
    expect(count).toBeGreaterThanOrEqual(10);
    const stats = await page.locator('.stats').innerText();
    // The selection's own counts and categories, not the store's.
    expect(stats).toContain(`${count} of ${count}`);
    expect(stats).toContain('cs.AI, cs.CL, cs.DC, cs.LG');
    expect(stats).not.toContain('stat.ML');
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json']) {
      const href = await page.locator(`head link[rel="alternate"][type="${type}"]`).getAttribute('href');
      expect(href).toContain('/api/feed?');
    }
    expect(await page.locator('.notice').allInnerTexts()).toContain(
      `Showing summaries made earlier for 1 of ${count} papers; new summaries are off: set OPENAI_API_KEY on this server to turn them on.`,
    );
    await page.context().close();
  });

  it('says the seeded announcement is out of date by arXiv’s schedule', async () => {
    const page = await open('/');
    // The seed is of 5 December 2025; any clock since then expects newer mailings.
    const warn = page.locator('.notice-warn', { hasText: 'Out of date' });
    expect(await warn.innerText()).toMatch(/^Out of date: these papers are from arXiv’s announcement of Friday, 5 December 2025\. By arXiv’s schedule \d+ newer mailings?, up to /);
    expect(await page.locator('.stats .stale-flag').innerText()).toMatch(/out of date/i);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { status: string; problems: string[] };
    expect(health.status).toBe('degraded');
    expect(health.problems.join(' ')).toMatch(/arXiv's schedule expects/);
    await page.context().close();
  });

  it('folds a summary to its TL;DR under the feeds’ label, shows no score without ranking terms, has a favicon', async () => {
    const page = await open('/');
    const summary = page.locator('details.summary');
    expect(await summary.count()).toBe(1);
    expect(await summary.getAttribute('open')).toBeNull();
    expect(await summary.locator('summary').innerText()).toBe('AI summary (gpt-4o-mini, from the abstract)\nAdaptive drafting speeds up the generation stage of RLHF training.');
    expect(await summary.locator('.summary-body').isVisible()).toBe(false);
    const card = page.locator('.paper', { has: summary });
    await card.screenshot({ path: path.join(SCREENSHOTS, 'preview-summary-folded-light.png') });
    await summary.locator('summary').click();
    expect(await summary.locator('.summary-body').isVisible()).toBe(true);
    expect(await summary.locator('.summary-body').innerText()).toContain('Workload-aware drafting strategy');
    await card.screenshot({ path: path.join(SCREENSHOTS, 'preview-summary-open-light.png') });
    expect(await page.locator('.paper .score').count()).toBeGreaterThan(0);
    const icon = await page.locator('head link[rel="icon"]').getAttribute('href');
    const res = await fetch(new URL(icon!, server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    await page.context().close();
    const unranked = await open('/?cats=cs.LG');
    expect(await unranked.locator('.paper').count()).toBeGreaterThan(5);
    expect(await unranked.locator('.paper .score').count()).toBe(0);
    await unranked.context().close();
  });

  it('renders 50 cards a page, with a link to the rest that works without JavaScript', async () => {
    const page = await open('/?cats=stat.ML', { javaScriptEnabled: false });
    expect(await page.locator('.paper').count()).toBe(50);
    expect(await page.locator('.stats').innerText()).toContain(`${MANY} of ${MANY}`);
    expect(await page.locator('.page-range').innerText()).toBe(`Papers 1–50 of ${MANY} (page 1 of 2)`);
    const next = page.getByRole('link', { name: `Next ${MANY - 50} papers →` });
    await Promise.all([page.waitForURL(/page=2/), next.click()]);
    expect(new URL(page.url()).searchParams.get('cats')).toBe('stat.ML');
    expect(await page.locator('.paper').count()).toBe(MANY - 50);
    expect(await page.locator('ol.papers').getAttribute('start')).toBe('51');
    expect(await page.locator('.paper-title').first().innerText()).toMatch(/study \d+$/);
    expect(await page.getByRole('link', { name: '← Previous 50 papers' }).getAttribute('href')).toBe('/?cats=stat.ML');
    await page.locator('.page-nav').screenshot({ path: path.join(SCREENSHOTS, 'preview-page-nav-light.png') });
    await page.context().close();
  });

  it('puts the builder behind “Build your feed” at the top on a phone, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await open('/', { width: 390, height: 844, javaScriptEnabled });
      const toggle = page.locator('summary.builder-toggle');
      const box = await toggle.boundingBox();
      expect(box!.y, 'the toggle is near the top').toBeLessThan(200);
      expect(await page.locator('form.builder').isVisible()).toBe(false);
      await toggle.click();
      expect(await page.locator('form.builder').isVisible()).toBe(true);
      expect(await page.locator('#feed-url-rss').isVisible()).toBe(true);
      await page.context().close();
    }
    // A wide screen shows the builder beside the papers, with no toggle.
    const desktop = await open('/');
    expect(await desktop.locator('summary.builder-toggle').isVisible()).toBe(false);
    expect(await desktop.locator('form.builder').isVisible()).toBe(true);
    const [builder, papers] = await Promise.all([desktop.locator('form.builder').boundingBox(), desktop.locator('#papers').boundingBox()]);
    expect(builder!.x).toBeGreaterThan(papers!.x + papers!.width - 1);
    await desktop.context().close();
  });

  it('keeps the phone page short: folded summaries and builder, at most 50 cards', async () => {
    for (const q of ['/', '/?cats=stat.ML']) {
      const html = await (await fetch(server.url + q)).text();
      const page = await open(q, { width: 390, height: 844 });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`[e2e] ${q} at 390 px: ${height} px tall, ${Buffer.byteLength(html)} bytes of HTML`);
      // About 300 px a folded card: 50 of them stay far below the 63,000 px of the unfolded page.
      expect(height).toBeLessThan(50 * 400);
      await page.context().close();
    }
  });

  it('renders an XSS title as inert text', async () => {
    const page = await open('/');
    // Titles are plain text in every format: the markup goes, the words stay.
    const hostile = page.locator('.paper-title', { hasText: HOSTILE_TITLE_TEXT });
    await expect.poll(() => hostile.count()).toBe(1);
    expect(await hostile.innerText()).toBe(HOSTILE_TITLE_TEXT);
    expect(await hostile.locator('img').count()).toBe(0);
    expect(await page.locator('img[src="x"], script:has-text("alert(2)")').count()).toBe(0);
    expect(await page.locator('.paper', { hasText: 'alert(2)' }).locator('script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('builds a feed: a category picked by search and a keyword change the URL and the preview', async () => {
    const page = await open('/');
    const countBefore = await page.locator('.paper').count();
    // Keep only cs.DC: uncheck the other defaults, found through the search box.
    for (const cat of ['cs.AI', 'cs.CL', 'cs.LG']) {
      await page.getByPlaceholder(/Search categories/).fill(cat);
      await page.locator(`input[name="cats"][value="${cat}"]`).uncheck();
    }
    await page.getByPlaceholder(/Search categories/).fill('distributed');
    expect(await page.locator('.category-option:visible').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator('input[name="cats"][value="cs.DC"]').isChecked()).toBe(true);
    await page.getByLabel('Keywords').fill('kernel, inference');
    await page.waitForURL(/[?&]q=kernel/, { timeout: 15_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('cats')).toBe('cs.DC');
    expect(url.searchParams.get('q')).toBe('kernel, inference');
    await expect.poll(() => page.locator('#results-heading').innerText(), { timeout: 15_000 }).toBe('arXiv cs.DC: kernel, inference');
    const cats = await page.locator('.paper .categories').allInnerTexts();
    expect(cats.length).toBeGreaterThan(0);
    for (const c of cats) expect(c).toContain('cs.DC');
    expect(await page.locator('.paper').count()).toBeLessThan(countBefore);
    expect(await page.locator('#feed-url-rss').inputValue()).toBe(`${server.url}/api/feed?cats=cs.DC&q=kernel%2C+inference&exclude=survey%2C+review%2C+tutorial&format=rss`);
    // Then a category that is not ingested: picked by searching its name.
    await page.getByPlaceholder(/Search categories/).fill('quantum');
    await page.locator('input[name="cats"][value="quant-ph"]').check();
    await page.waitForURL(/cats=cs\.DC%2Cquant-ph|cats=cs\.DC,quant-ph/, { timeout: 15_000 });
    await expect.poll(() => page.locator('.notices').innerText(), { timeout: 15_000 }).toContain('quant-ph');
    await page.context().close();
  });

  it('works without JavaScript: the builder is a plain GET form', async () => {
    const page = await open('/', { javaScriptEnabled: false });
    await page.locator('input[name="cats"][value="cs.AI"]').uncheck();
    await page.getByLabel('Keywords').fill('agents');
    await Promise.all([page.waitForURL(/q=agents/), page.getByRole('button', { name: 'Update preview' }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('cats')).toEqual(['cs.CL', 'cs.DC', 'cs.LG']);
    expect(await page.locator('#results-heading').innerText()).toBe('arXiv cs.CL, cs.DC, cs.LG: agents');
    await page.context().close();
  });

  it('saves a profile, shows its secret URL once, and that feed is valid RSS', async () => {
    const page = await open('/?cats=cs.CL&q=decoding');
    await page.getByRole('button', { name: 'Save as my profile' }).click();
    const secret = page.locator('#secret-rss');
    await expect.poll(() => secret.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.secret .warning').innerText()).toMatch(/Keep this private/);
    await page.locator('.profile-actions').screenshot({ path: path.join(SCREENSHOTS, 'preview-saved-profile-light.png') });
    const rssUrl = await secret.inputValue();
    expect(rssUrl).toMatch(new RegExp(`^${server.url}/api/feed/[A-Za-z0-9_-]+\\?format=rss$`));
    const res = await fetch(rssUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/rss+xml');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<rss[^>]*version="2.0"/);
    expect(xml).toContain('<item>');
    // The edit page loads the saved profile.
    const editUrl = await page.locator('#secret-edit').inputValue();
    const edit = await open(new URL(editUrl).pathname + new URL(editUrl).search);
    expect(await edit.locator('#profile-heading').innerText()).toBe('Saved profile');
    expect(await edit.locator('input[name="cats"][value="cs.CL"]').isChecked()).toBe(true);
    expect(await edit.getByLabel('Keywords').inputValue()).toBe('decoding');
    await edit.context().close();
    await page.context().close();
  });

  it('lets the keyboard reach the builder through a skip link', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to papers');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the feed builder');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const inBuilder = await page.evaluate(() => Boolean(document.activeElement?.closest('form.builder')));
    expect(inBuilder).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.context().close();
    // On a phone the same link opens the folded builder.
    const phone = await open('/', { width: 390, height: 844 });
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Enter');
    await expect.poll(() => phone.locator('form.builder').isVisible()).toBe(true);
    await phone.context().close();
  });

  it('writes screenshots at desktop and phone widths, light and dark', async () => {
    const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
    for (const [name, size] of Object.entries(sizes)) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await open('/', { ...size, colorScheme });
        const file = path.join(SCREENSHOTS, `preview-${name}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        expect(existsSync(file)).toBe(true);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} ${colorScheme}: no horizontal scrolling`).toBeLessThanOrEqual(0);
        // The builder is folded on a phone: open it and capture it on its own too.
        if (name === 'phone') {
          await page.locator('summary.builder-toggle').click();
          await page.locator('.builder-drawer').screenshot({ path: path.join(SCREENSHOTS, `preview-phone-builder-${colorScheme}.png`) });
        }
        await page.context().close();
      }
    }
  });
});
