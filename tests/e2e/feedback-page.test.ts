/**
 * The "More like this" page in a real browser (Debian's Chromium via playwright-core): served by
 * its route handlers behind a small HTTP bridge that does what Next.js does around them (the API
 * gate of proxy.ts first; next.config's headers, which win over a route's, including the
 * site-wide `Referrer-Policy: no-referrer`). With scripts on, opening the link records the signal
 * under the page's nonce policy and Undo takes it back; with scripts off, the button's form POST
 * carries this site's Origin and passes the gate.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as PAGE, POST as FEEDBACK } from '../../app/api/profiles/[token]/feedback/route';
import { POST as CREATE } from '../../app/api/profiles/route';
import { getEnv } from '../../lib/env';
import { gateApiRequest } from '../../lib/http/api-gate';
import { getStore } from '../../lib/store/open-store';
import { topicPaper, topicWindow } from '../score/learned-papers';
import { useProfileEnv } from '../profiles/profile-env';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRE_BROWSER = ['1', 'true'].includes(process.env.REQUIRE_BROWSER ?? '');
const HAS_BROWSER = existsSync(CHROMIUM);
const DAY = '2025-01-10';
const paper = topicPaper('serving', 2, DAY);

type NextConfigModule = { SECURITY_HEADERS: { key: string; value: string }[]; API_CONTENT_SECURITY_POLICY: string; API_POLICY_SOURCE: string };
const config = (await import(pathToFileURL(path.resolve(import.meta.dirname, '../../next.config.mjs')).href)) as NextConfigModule;

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
  return new Request(new URL(req.url!, origin), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
}

/** next.config's headers first; the route's only where they set none (Next.js's own rule). */
async function send(res: ServerResponse, pathname: string, answer: Response): Promise<void> {
  for (const { key, value } of config.SECURITY_HEADERS) res.setHeader(key, value);
  if (getPathMatch(config.API_POLICY_SOURCE, { strict: true })(pathname) !== false) res.setHeader('content-security-policy', config.API_CONTENT_SECURITY_POLICY);
  answer.headers.forEach((value, key) => {
    if (res.getHeader(key) === undefined) res.setHeader(key, value);
  });
  res.writeHead(answer.status);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

function bridge(): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const request = await toRequest(req, origin);
    const { pathname } = new URL(request.url);
    const token = /^\/api\/profiles\/([^/]+)\/feedback$/.exec(pathname)?.[1];
    if (!token) return send(res, pathname, new Response('not found', { status: 404 }));
    const context = { params: Promise.resolve({ token }) };
    const refused = gateApiRequest(request, getEnv());
    await send(res, pathname, refused ?? (await (request.method === 'POST' ? FEEDBACK(request, context) : PAGE(request, context))));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

async function likedOf(token: string): Promise<string[]> {
  return JSON.parse((await (await getStore()).getProfile(token))!).liked ?? [];
}

if (!HAS_BROWSER && !REQUIRE_BROWSER) console.warn(`[e2e] feedback page skipped: ${CHROMIUM} not found (apt-get install chromium; CI sets REQUIRE_BROWSER=1)`);

describe.skipIf(!HAS_BROWSER && !REQUIRE_BROWSER)('the feedback page in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin = '';

  beforeAll(async () => {
    if (!HAS_BROWSER) throw new Error(`REQUIRE_BROWSER is set but ${CHROMIUM} is missing`);
    await useProfileEnv();
    await (await getStore()).commitDay(DAY, { 'cs.LG': topicWindow(6, DAY) }, new Date(`${DAY}T01:00:00Z`));
    ({ server, origin } = await bridge());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const newToken = async () =>
    (await (await CREATE(new Request(`${origin}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG'] }), headers: { 'content-type': 'application/json' } }))).json()).token as string;

  it('with scripts on, records on opening, under its own nonce policy, and Undo takes it back', async () => {
    const token = await newToken();
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${origin}/api/profiles/${token}/feedback?id=${paper.id}&signal=more`);
    await page.locator('#status', { hasText: 'This feed now follows 1 liked' }).waitFor({ timeout: 15_000 });
    expect(await likedOf(token)).toEqual([paper.id]);
    await page.locator('#undo button').click();
    await page.locator('#status', { hasText: 'Undone' }).waitFor({ timeout: 15_000 });
    expect(await likedOf(token)).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  }, 60_000);

  it('with scripts off, records nothing on opening; its button posts a form this site sends', async () => {
    const token = await newToken();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/api/profiles/${token}/feedback?id=${paper.id}&signal=less`);
    expect(await likedOf(token)).toEqual([]);
    await page.locator('#record button').click();
    await page.locator('#status', { hasText: `Recorded “Less like this” for arXiv:${paper.id}` }).waitFor({ timeout: 15_000 });
    const stored = JSON.parse((await (await getStore()).getProfile(token))!);
    expect(stored.disliked).toEqual([paper.id]);
    await page.locator('#undo button').click();
    await page.locator('#status', { hasText: 'Undone' }).waitFor({ timeout: 15_000 });
    expect(JSON.parse((await (await getStore()).getProfile(token))!).disliked).toEqual([]);
    await context.close();
  }, 60_000);
});
