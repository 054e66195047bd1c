/**
 * The arXiv throttle holds for full-text downloads across processes: two child processes (two
 * instances of the app) sharing one embedded store summarize the same papers at once, and the
 * stand-in sees one request at a time, each starting at least ARXIV_MIN_INTERVAL_MS after the
 * previous one ended; every file is downloaded once and every summary made once, also for the
 * papers both processes want at the same time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeArxivPapers } from '../../scripts/support/fake-arxiv-papers';
import { FakeOpenAi } from '../../scripts/support/fake-openai';
import { latexmlHtml, paperPdf, paperSections } from '../../scripts/support/paper-files';
import { makePaper, NOW, PREFIX } from './fulltext-setup';
import { SCRUBBED_VARIABLES, tempDir } from '../helpers/temp-env';

const CHILD = path.resolve(import.meta.dirname, 'fulltext-child.ts');
const INTERVAL_MS = 300;
/** Timestamps are whole milliseconds on both sides. */
const CLOCK_SLACK_MS = 2;

let files: FakeArxivPapers;
let llm: FakeOpenAi;

beforeAll(async () => {
  [files, llm] = await Promise.all([FakeArxivPapers.start(), FakeOpenAi.start()]);
});
afterAll(async () => {
  await Promise.all([files.close(), llm.close()]);
});

type ChildOutcome = { paper: string; kind: string; downloads: number };

function runChild(env: Record<string, string>, papers: number[]): Promise<ChildOutcome[]> {
  return new Promise((resolve, reject) => {
    // The developer's own settings must not reach the child: only the test's.
    const inherited: NodeJS.ProcessEnv = { ...process.env };
    for (const k of SCRUBBED_VARIABLES) delete inherited[k];
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...papers.map(String)], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildOutcome[]) : reject(new Error(`child exited ${code}: ${err.slice(-2000)}`))));
  });
}

describe('full-text downloads across two processes', () => {
  it('one connection at a time, ≥ ARXIV_MIN_INTERVAL_MS apart, each file once, each summary once', async () => {
    const numbers = [21, 22, 23, 24, 25, 26];
    numbers.forEach((n, i) => {
      const id = makePaper(n).id;
      // Half have an HTML rendering; the other half only a PDF (a 404 first, then the PDF).
      if (i % 2) files.files.pdf.set(`${id}v1`, paperPdf(id, paperSections(id, 3)));
      else files.files.html.set(`${id}v1`, latexmlHtml(id, paperSections(id, 3)));
    });
    files.delayMs = 40;
    const env = {
      DATA_DIR: tempDir('af-ft-two-'),
      STORE_PREFIX: PREFIX,
      OPENAI_API_KEY: 'test',
      OPENAI_BASE_URL: llm.baseURL,
      SUMMARY_MODEL: 'fake-model',
      SUMMARY_SOURCE: 'fulltext',
      ARXIV_MIN_INTERVAL_MS: String(INTERVAL_MS),
      ARXIV_TIMEOUT_MS: '5000',
      FULLTEXT_NOW: NOW.toISOString(),
      ...files.env(),
    };
    const started = Date.now();
    // Each process has papers of its own (so both download at once) and two in common (so both want them).
    const [a, b] = await Promise.all([runChild(env, numbers.slice(0, 4)), runChild(env, numbers.slice(2).reverse())]);
    const seconds = (Date.now() - started) / 1000;

    const outcomes = [...a, ...b];
    expect(outcomes.filter((o) => o.kind === 'summarized')).toHaveLength(numbers.length);
    expect(outcomes.every((o) => ['summarized', 'busy', 'cached'].includes(o.kind))).toBe(true);
    for (const child of [a, b]) expect(child.filter((o) => o.kind === 'summarized').length).toBeGreaterThanOrEqual(2);
    for (const [key, n] of llm.answeredPerKey()) expect(n, key).toBe(1);
    expect(llm.answeredPerKey().size).toBe(numbers.length);

    const requests = [...files.requests].sort((x, y) => x.start - y.start);
    // 3 papers × 1 (HTML) + 3 papers × 2 (404, then the PDF): nothing downloaded twice.
    expect(requests).toHaveLength(9);
    expect(new Set(requests.map((r) => `${r.kind} ${r.paper}`)).size).toBe(9);
    const gaps = requests.slice(1).map((r, i) => r.start - requests[i]!.end);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS - CLOCK_SLACK_MS);
    console.log(`[figures] 2 processes, ${requests.length} downloads, gaps ${Math.min(...gaps)}–${Math.max(...gaps)} ms (interval ${INTERVAL_MS} ms), ${seconds.toFixed(1)} s in all; per child: ${[a, b].map((x) => x.map((o) => o.kind[0]).join('')).join(' / ')}`);
  }, 60_000);
});
