/**
 * Runaway LLM answers are refused, not stored: ten ~5 MB answers once made a 105 MB summary index,
 * and every feed of that day read it. Against the local OpenAI-compatible server (real wire
 * format, real `openai` client) answering megabytes whatever `max_tokens` says; the caps
 * themselves are checked on summaries built by hand, the largest legitimate ones included.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import {
  MAX_FULLTEXT_SUMMARY_BYTES,
  MAX_SUMMARY_BYTES,
  MAX_SUMMARY_FIELD_CHARS,
  MAX_SUMMARY_LIST_ITEMS,
  listedCuts,
  summaryTooLarge,
  type StoredSummary,
} from '../../lib/model/summary';
import { FULLTEXT_MAX_COMPLETION_TOKENS, MAX_COMPLETION_TOKENS } from '../../lib/summarize/request-summary';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { HUGE_ANSWER_CHARS, type FakeOpenAi } from '../../scripts/support/fake-openai';
import { feedView, NOW, setupSummarize, type SummarizeFixture } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();
const STUCK = '2603.00017';

/** A token budget a runaway answer cannot spend (each reports ~1.25 M completion tokens). */
const ROOMY_BUDGET = { SUMMARY_MAX_TOKENS: '100000000' };

async function fresh(options: FakeOpenAi['options'] = {}) {
  world.fake.options = options;
  world.fake.requests.length = 0;
  world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env: ROOMY_BUDGET });
  return world.fx;
}

const run = (f: SummarizeFixture) => runSummarize({ store: f.store, env: f.env }, { now: NOW, deadline: Date.now() + 60_000, minCallWindowMs: 50 });

/** Bytes of every file the embedded store wrote. */
function storedBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const full = path.join(dir, e.name);
    return n + (e.isDirectory() ? storedBytes(full) : statSync(full).size);
  }, 0);
}

/** The wanted keys (`<id>v<version>:<language>`) of the paper whose answers run away. */
async function stuckKeys(f: SummarizeFixture): Promise<string[]> {
  const keys = [...(await feedView(f.store, f.env)).wanted].filter((k) => k.startsWith(`${STUCK}v1:`));
  expect(keys.length).toBeGreaterThan(0);
  return keys;
}

const languageOf = (key: string) => key.split(':')[1]!;

describe('runSummarize: an answer too large to store', () => {
  it('is not stored, is counted as the failure kind "answer too large", and is made on a later run', async () => {
    const f = await fresh({ huge: [STUCK] });
    const wanted = (await feedView(f.store, f.env)).wanted;
    const stuck = await stuckKeys(f);
    const first = await run(f);
    expect(first.counts).toMatchObject({ failed: stuck.length, summarized: wanted.size - stuck.length, backlog: stuck.length });
    expect(first.failureKinds).toEqual([expect.objectContaining({ kind: expect.stringMatching(/^answer too large/), count: stuck.length })]);
    expect(first.failures[0]).toMatchObject({ paper: `${STUCK}v1`, reason: expect.stringContaining(`${HUGE_ANSWER_CHARS}`) });
    for (const key of stuck) expect(await f.store.getSummary(STUCK, 1, summaryScope(languageOf(key), f.env))).toBeNull();
    // Neither the summary's key nor a day index holds any of it.
    expect(storedBytes(f.dir)).toBeLessThan(HUGE_ANSWER_CHARS / 5);

    world.fake.options = {};
    const second = await run(f);
    expect(second.counts).toMatchObject({ summarized: stuck.length, failed: 0, backlog: 0 });
    for (const key of stuck) expect(await f.store.getSummary(STUCK, 1, summaryScope(languageOf(key), f.env))).not.toBeNull();
  });

  it('is refused from a provider without JSON mode too (the plain-text answer)', async () => {
    const f = await fresh({ huge: [STUCK], mode: 'reject-json-mode' });
    const stuck = await stuckKeys(f);
    const result = await run(f);
    expect(result.counts.failed).toBe(stuck.length);
    expect(result.failureKinds.map((k) => k.kind)).toEqual([expect.stringMatching(/^answer too large/)]);
    expect(storedBytes(f.dir)).toBeLessThan(HUGE_ANSWER_CHARS / 5);
  });

  it('every request caps the answer with max_tokens', async () => {
    const f = await fresh();
    await run(f);
    expect(world.fake.calls).toBeGreaterThan(0);
    expect(world.fake.requests.map((r) => r.maxTokens)).toEqual(world.fake.requests.map(() => MAX_COMPLETION_TOKENS));
    expect(MAX_COMPLETION_TOKENS).toBeLessThanOrEqual(1_500);
    expect(FULLTEXT_MAX_COMPLETION_TOKENS).toBeLessThanOrEqual(3_000);
  });
});

function summaryOf(tldr: string, extra: Partial<StoredSummary> = {}): StoredSummary {
  return {
    paperId: '2603.00001',
    version: 1,
    language: 'en',
    model: 'fake-model',
    promptVersion: 'v1',
    content: { tldr, contributions: ['One.', 'Two.'], method: 'A method.', results: 'Results.', limitations: 'Not stated.' },
    createdAt: NOW.toISOString(),
    tokens: 900,
    ...extra,
  };
}

/** `n` characters of CJK text, three UTF-8 bytes each (the densest answers a model writes). */
const cjk = (n: number) => '汉'.repeat(n);

describe('summaryTooLarge', () => {
  it('accepts an ordinary summary, and the largest answers max_tokens allows', () => {
    expect(summaryTooLarge(summaryOf('One sentence.'))).toBeNull();
    // An abstract answer of MAX_COMPLETION_TOKENS CJK tokens (up to ~2 characters each), spread over its fields.
    const share = Math.floor((MAX_COMPLETION_TOKENS * 2) / 6);
    const abstract = summaryOf(cjk(share), {
      content: { tldr: cjk(share), contributions: [cjk(share / 2), cjk(share / 2)], method: cjk(share), results: cjk(share), limitations: cjk(share) },
    });
    expect(summaryTooLarge(abstract)).toBeNull();
    // A full-text answer of FULLTEXT_MAX_COMPLETION_TOKENS CJK tokens over its 15 texts, with the longest list of cut sections kept.
    const part = Math.floor((FULLTEXT_MAX_COMPLETION_TOKENS * 2) / 15);
    const full = summaryOf(cjk(part), {
      source: 'fulltext-html',
      content: {
        ...{ tldr: cjk(part), contributions: [cjk(part), cjk(part)], method: cjk(part), results: cjk(part), limitations: cjk(part) },
        ...{ problem: cjk(part), conclusions: cjk(part), futureWork: cjk(part) },
        setup: { datasets: cjk(part), environment: cjk(part), configuration: cjk(part), metrics: cjk(part), baselines: cjk(part) },
      },
      input: { downloads: 1, bytes: 2_000_000, chars: 120_000, cut: listedCuts(Array.from({ length: 200 }, (_, i) => `Appendix ${i}: ${'a heading as long as a paragraph '.repeat(10)}(left out)`)) },
    });
    expect(full.input!.cut).toHaveLength(21);
    expect(full.input!.cut!.at(-1)).toBe('(180 more)');
    expect(summaryTooLarge(full)).toBeNull();
    // The plain-text answer of a provider without JSON mode, as long as max_tokens lets it be.
    expect(summaryTooLarge(summaryOf('', { content: null, text: 'A plain sentence. '.repeat(MAX_COMPLETION_TOKENS / 4) }))).toBeNull();
  });

  it('refuses a field, a list or a whole summary over its cap, naming what was received', () => {
    expect(summaryTooLarge(summaryOf('x'.repeat(MAX_SUMMARY_FIELD_CHARS + 1)))).toMatch(
      new RegExp(`^answer too large: tldr has ${MAX_SUMMARY_FIELD_CHARS + 1} characters \\(at most ${MAX_SUMMARY_FIELD_CHARS}\\)`),
    );
    const list = summaryOf('ok', { content: { ...summaryOf('ok').content!, contributions: Array.from({ length: MAX_SUMMARY_LIST_ITEMS + 1 }, () => 'c') } });
    expect(summaryTooLarge(list)).toMatch(/^answer too large: contributions has 11 items \(at most 10\)/);
    const longItem = summaryOf('ok', { content: { ...summaryOf('ok').content!, contributions: ['c', 'x'.repeat(MAX_SUMMARY_FIELD_CHARS + 1)] } });
    expect(summaryTooLarge(longItem)).toMatch(/^answer too large: contributions\[1\] has 2001 characters/);
    const setup = summaryOf('ok', { source: 'fulltext-pdf', content: { ...summaryOf('ok').content!, setup: { metrics: 'x'.repeat(MAX_SUMMARY_FIELD_CHARS + 1) } } });
    expect(summaryTooLarge(setup)).toMatch(/^answer too large: setup\.metrics has 2001 characters/);
    // Every field within its cap, the whole over it: five fields just under 2,000 CJK characters.
    const near = cjk(MAX_SUMMARY_FIELD_CHARS - 1);
    const wide = summaryOf(near, { content: { tldr: near, contributions: [near], method: near, results: near, limitations: near } });
    expect(summaryTooLarge(wide)).toMatch(new RegExp(`^answer too large: the summary is \\d+ bytes \\(at most ${MAX_SUMMARY_BYTES}\\)`));
    expect(summaryTooLarge({ ...wide, source: 'fulltext-html' })).toMatch(new RegExp(`at most ${MAX_FULLTEXT_SUMMARY_BYTES}\\)`));
    expect(summaryTooLarge(summaryOf('', { content: null, text: 'x'.repeat(MAX_SUMMARY_BYTES) }))).toMatch(/^answer too large: the summary is/);
  });
});
