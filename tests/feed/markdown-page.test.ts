/**
 * The old bot's Markdown page (`format=md`, `npm run digest`) against the fixed store of
 * tests/fixtures/markdown/store.json: byte for byte against the golden files beside it, served
 * with the feeds' validators, and safe on GitHub: rendered by a real Markdown parser (marked, GFM,
 * raw HTML passed through as GitHub would before sanitizing), the only elements are the ones the
 * page writes itself, and none of the hostile text became markup.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import type { Paper } from '../../lib/model/paper';
import type { StoredSummary } from '../../lib/model/summary';
import { getStore } from '../../lib/store/open-store';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { ROOT } from '../../scripts/support/next-server';
import { useTempEnv } from './feed-fixtures';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/markdown');
type Fixture = { days: Record<string, Paper[]>; summaries: { day: string; summary: StoredSummary }[] };
const fixture: Fixture = JSON.parse(readFileSync(path.join(FIXTURES, 'store.json'), 'utf8'));

const QUERY = 'cats=cs.LG,cs.DC&days=2&types=new,cross,replace&q=llm,inference,quantization,diffusion';
const get = (qs: string, headers: Record<string, string> = {}) => GET(new Request(`http://localhost/api/feed?${qs}`, { headers }));

/** Elements the page writes: Markdown's own, plus the `<details>`/`<summary>` around summaries. */
const ALLOWED = new Set(['h1', 'h2', 'h3', 'p', 'strong', 'em', 'a', 'code', 'br', 'hr', 'blockquote', 'ul', 'li', 'details', 'summary']);
const tagsIn = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1]!);

async function seed(): Promise<void> {
  const store = await getStore();
  for (const day of Object.keys(fixture.days).sort()) {
    const bySource: Record<string, Paper[]> = {};
    for (const p of fixture.days[day]!) (bySource[p.categories[0]!] ??= []).push(p);
    await store.commitDay(day, bySource, new Date(`${day}T01:00:00Z`));
  }
  for (const { day, summary } of fixture.summaries) await store.putSummary(summary, day, summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini' }));
}

describe('the Markdown page', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await useTempEnv();
    await seed();
  });

  it('matches the golden page: statistics, then each paper numbered with its fields, abstract and collapsed AI summary', async () => {
    const res = await get(`${QUERY}&format=md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    await expect(await res.text()).toMatchFileSnapshot(path.join(FIXTURES, 'page.md'));
  });

  it('matches the golden daily digest page: one section per announcement day', async () => {
    const res = await get(`${QUERY}&digest=daily&format=md`);
    await expect(await res.text()).toMatchFileSnapshot(path.join(FIXTURES, 'page-daily.md'));
  });

  it('renders on a Markdown parser with only its own elements, the hostile text as text', async () => {
    const md = await (await get(`${QUERY}&format=md`)).text();
    const html = new Marked({ gfm: true }).parse(md) as string;
    expect(new Set(tagsIn(html).filter((t) => !ALLOWED.has(t)))).toEqual(new Set());
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<(img|script)\b/);
    // Each summary sits in exactly one <details>, labelled with its model, escaped.
    expect(tagsIn(html).filter((t) => t === 'details')).toHaveLength(2);
    expect(html).toContain('<summary>AI summary (evil&lt;b&gt;model&lt;/b&gt;, from the abstract)</summary>');
    expect(html).toContain('<summary>AI summary (gpt-4o-mini, from the abstract)</summary>');
    // What the hostile title and summary said is still there, as words.
    expect(html).toContain('<a href="https://arxiv.org/abs/2512.99001">**Bold** [click](javascript:alert(1)) &amp; <code>$O(n_i^2)$</code>');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt; &lt;details&gt;');
    expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
  });

  it('has the feeds’ validators: ETag, Last-Modified and 304', async () => {
    const first = await get(`${QUERY}&format=md`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]{32}"$/);
    expect(first.headers.get('last-modified')).toBe('Thu, 18 Dec 2025 07:30:00 GMT');
    expect((await get(`${QUERY}&format=md`, { 'if-none-match': etag })).status).toBe(304);
    expect((await get(`${QUERY}&format=rss`)).headers.get('etag')).not.toBe(etag);
  });

  it('`npm run digest -- --format md --days 2 <query>` prints the same page', () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const run = spawnSync(tsx, ['scripts/digest.ts', '--format', 'md', '--days', '2', QUERY.replace('&days=2', '')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(path.join(FIXTURES, 'page.md'), 'utf8'));
  });

  it('the script refuses what it cannot read, saying why', () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const bad = spawnSync(tsx, ['scripts/digest.ts', '--format', 'pdf'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format: must be one of md, rss, atom, json (got pdf)');
  });
});
