/**
 * The day archive (`/day/<YYYY-MM-DD>`) in a real browser (Debian's Chromium via playwright-core)
 * against a production `next start` whose embedded store is filled from tests/fixtures/preview
 * (Thu 2025-12-04 and Fri 2025-12-05). arXiv URLs point at a closed local port and no LLM key is
 * set: nothing leaves the machine. Screenshots go to test-output/screenshots/day-archive-*.png.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { readSeed, seedStore } from '../preview/seed-store';
import { ensureFreshBuild, freePort, ROOT, startNext, type RunningNext } from '../../scripts/support/next-server';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRE_BROWSER = ['1', 'true'].includes(process.env.REQUIRE_BROWSER ?? '');
const HAS_BROWSER = existsSync(CHROMIUM);
const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');

if (!HAS_BROWSER && !REQUIRE_BROWSER) console.warn(`[e2e] skipped: ${CHROMIUM} not found (apt-get install chromium; CI sets REQUIRE_BROWSER=1)`);

describe.skipIf(!HAS_BROWSER && !REQUIRE_BROWSER)('day archive in Chromium', () => {
  let dataDir: string;
  let server: RunningNext;
  let browser: Browser;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    if (!HAS_BROWSER) throw new Error(`REQUIRE_BROWSER is set but ${CHROMIUM} is missing`);
    ensureFreshBuild();
    dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-day-'));
    const store = new Store(createEmbeddedDriver(dataDir), 'af:');
    await seedStore(store);
    await store.driver.close();
    const closed = `http://127.0.0.1:${await freePort()}`;
    const blank = ['ARXIV_CATEGORIES', 'DEFAULT_KEYWORDS', 'DEFAULT_EXCLUDE', 'DEFAULT_AUTHORS', 'DEFAULT_MIN_SCORE', 'DEFAULT_LIMIT', 'PROFILE_CONFIG', 'REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'OPENAI_API_KEY', 'PUBLIC_BASE_URL'];
    server = await startNext({
      ...process.env,
      ...Object.fromEntries(blank.map((k) => [k, ''])),
      DATA_DIR: dataDir,
      STORE_PREFIX: 'af:',
      DISABLE_AUTO_INGEST: '1',
      CRON_SECRET: 'e2e-cron-secret-0123456789',
      ARXIV_RSS_URL: `${closed}/rss`,
      ARXIV_API_URL: `${closed}/api/query`,
      OPENAI_BASE_URL: `${closed}/v1`,
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

  type OpenOptions = { width?: number; height?: number; colorScheme?: 'light' | 'dark' };
  async function open(pathAndQuery: string, options: OpenOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, colorScheme: options.colorScheme ?? 'light' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto(server.url + pathAndQuery, { waitUntil: 'networkidle' });
    return page;
  }

  it('shows a stored day as the preview does, with previous/next links and the calendar strip', async () => {
    const home = await open('/');
    const homeTitles = await home.locator('.paper-title').allInnerTexts();
    await home.context().close();
    const page = await open('/day/2025-12-05');
    expect(await page.locator('h1#results-heading').innerText()).toBe('Friday, 5 December 2025');
    expect(await page.locator('.paper-title').allInnerTexts()).toEqual(homeTitles);
    const prev = page.locator('a[rel="prev"]').first();
    expect(await prev.getAttribute('href')).toBe('/day/2025-12-04');
    expect(await page.locator('nav[aria-label="Previous and next announcement day"] a[rel="next"]').count()).toBe(0);
    const strip = page.locator('nav[aria-label="Stored announcement days"] a');
    expect(await strip.count()).toBe(2);
    expect(await page.locator('a[aria-current="date"]').getAttribute('href')).toBe('/day/2025-12-05');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'day-archive-desktop-light.png') });
    await Promise.all([page.waitForURL(/\/day\/2025-12-04$/), prev.click()]);
    expect(await page.locator('.paper').count()).toBe(readSeed().days['2025-12-04']!.length);
    expect(await page.locator('h1#results-heading').innerText()).toBe('Thursday, 4 December 2025');
    await page.context().close();
  });

  it('keeps the CSP nonce setup: a per-request policy, and every script carries its nonce', async () => {
    const res = await fetch(`${server.url}/day/2025-12-05`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${server.url}/day/2025-12-05`);
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
    expect(cspErrors).toEqual([]);
  });

  it('keeps a builder query across the day links', async () => {
    const page = await open('/day/2025-12-05?cats=cs.CL&q=decoding');
    expect(await page.locator('p[class*="subtitle"]').innerText()).toBe('arXiv cs.CL: decoding');
    expect(await page.locator('a[rel="prev"]').first().getAttribute('href')).toBe('/day/2025-12-04?cats=cs.CL&q=decoding');
    for (const c of await page.locator('.paper .categories').allInnerTexts()) expect(c).toContain('cs.CL');
    await page.context().close();
  });

  it('says why a day has no announcement, and a malformed date is the 404 page', async () => {
    const weekend = await open('/day/2025-12-06');
    expect(await weekend.locator('.notice').allInnerTexts()).toContain('arXiv does not announce on weekends: there is no announcement for Saturday, 6 December 2025.');
    expect(await weekend.locator('.paper').count()).toBe(0);
    expect(await weekend.locator('a[rel="prev"]').first().getAttribute('href')).toBe('/day/2025-12-05');
    await weekend.screenshot({ path: path.join(SCREENSHOTS, 'day-archive-weekend-light.png') });
    await weekend.context().close();
    const unstored = await open('/day/2025-12-02');
    expect((await unstored.locator('.notice').allInnerTexts()).join('\n')).toMatch(/^No announcement of Tuesday, 2 December 2025 is stored for cs\.AI, cs\.CL, cs\.DC, cs\.LG/m);
    await unstored.context().close();
    for (const bad of ['/day/2025-13-45', '/day/2025-02-30', '/day/yesterday']) {
      const res = await fetch(server.url + bad);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).toContain('Not found');
    }
  });

  it('is linked from `/`, whose builder offers the digest', async () => {
    const page = await open('/?cats=cs.LG');
    const archiveLink = page.locator('.day-archive-link');
    await archiveLink.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'day-archive-link-on-home-light.png'), clip: { x: 0, y: Math.max(0, (await archiveLink.boundingBox())!.y - 200), width: 1280, height: 320 } });
    await page.locator('#f-digest').selectOption('weekly');
    await page.waitForURL(/[?&]digest=weekly/, { timeout: 15_000 });
    await expect.poll(() => page.locator('#feed-url-rss').inputValue(), { timeout: 15_000 }).toBe(`${server.url}/api/feed?cats=cs.LG&digest=weekly&format=rss`);
    await page.locator('#f-digest').screenshot({ path: path.join(SCREENSHOTS, 'day-archive-builder-digest-light.png') });
    const link = page.locator('.day-archive-link a');
    await expect.poll(() => link.getAttribute('href')).toBe('/day/2025-12-05?cats=cs.LG');
    await Promise.all([page.waitForURL(/\/day\/2025-12-05\?cats=cs\.LG$/), link.click()]);
    expect(await page.locator('h1#results-heading').innerText()).toBe('Friday, 5 December 2025');
    await page.context().close();
  });

  it('writes screenshots at desktop and phone widths, light and dark, without horizontal scrolling', async () => {
    const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
    for (const [name, size] of Object.entries(sizes)) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await open('/day/2025-12-04', { ...size, colorScheme });
        const file = path.join(SCREENSHOTS, `day-archive-${name}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        expect(existsSync(file)).toBe(true);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} ${colorScheme}`).toBeLessThanOrEqual(0);
        await page.context().close();
      }
    }
  });
});
