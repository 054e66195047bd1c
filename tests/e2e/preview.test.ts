/**
 * The web preview in a real browser (Debian's Chromium via playwright-core) against a production
 * `next start` whose embedded store is filled from tests/fixtures/preview. arXiv URLs point at a
 * closed local port and no LLM key is set: nothing leaves the machine.
 * Screenshots (desktop 1280×900, phone 390×844, light and dark) go to test-output/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { seedStore } from '../preview/seed-store';
import { ensureFreshBuild, freePort, ROOT, startNext, type RunningNext } from '../../scripts/support/next-server';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRE_BROWSER = ['1', 'true'].includes(process.env.REQUIRE_BROWSER ?? '');
const HAS_BROWSER = existsSync(CHROMIUM);
const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
const XSS_TITLE = '<img src=x onerror=alert(1)>';

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
    await seedStore(store);
    await store.driver.close();
    const closed = `http://127.0.0.1:${await freePort()}`;
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

  it('shows today’s papers for the default profile at once, with stats and autodiscovery links', async () => {
    const page = await open('/');
    const titles = page.locator('.paper-title');
    expect(await titles.count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('.stats').textContent()).toContain('Categories monitored');
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await page.locator('details.summary').count()).toBe(1);
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json']) {
      const href = await page.locator(`head link[rel="alternate"][type="${type}"]`).getAttribute('href');
      expect(href).toContain('/api/feed?');
    }
    expect(await page.locator('.notice').allInnerTexts()).toContain(
      'Summaries are off: this server has no OPENAI_API_KEY configured, so papers show their abstracts only.',
    );
    await page.context().close();
  });

  it('renders an XSS title as inert text', async () => {
    const page = await open('/');
    const hostile = page.locator('.paper-title', { hasText: XSS_TITLE });
    await expect.poll(() => hostile.count()).toBe(1);
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
        // The builder sits below the papers on a phone: capture it on its own too.
        if (name === 'phone') await page.locator('.sidebar').screenshot({ path: path.join(SCREENSHOTS, `preview-phone-builder-${colorScheme}.png`) });
        await page.context().close();
      }
    }
  });
});
