/**
 * Full-text summaries over time and across runs: an abstract stand-in is upgraded once the full
 * text appears, looked for a bounded number of times, and a full-text summary is never made
 * twice, not even by two runs at once; with SUMMARY_SOURCE=abstract nothing changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { StoredSummarySchema } from '../../lib/model/summary';
import { addPaperCost, zeroFullTextTotals } from '../../lib/summarize/fulltext/paper-cost';
import { summarizePaper } from '../../lib/summarize/summarize-paper';
import { summaryScope } from '../../lib/summarize/summary-scope';
import type { FakeArxivPapers } from '../../scripts/support/fake-arxiv-papers';
import type { FakeOpenAi } from '../../scripts/support/fake-openai';
import { fullTextEnv, makePaper, NOW, openStore, paperContext, wanted } from './fulltext-setup';
import { useFullTextWorld } from './fulltext-world';

const world = useFullTextWorld();
const { serveHtml, servePdf } = world;
let files: FakeArxivPapers;
let llm: FakeOpenAi;
beforeAll(() => ({ files, llm } = world));

const hoursLater = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

describe('full text: upgrade and cache', () => {
  it('an abstract stand-in is upgraded once the HTML appears, then never summarized again', async () => {
    const env = fullTextEnv(files, llm);
    const store = openStore(env);
    const paper = makePaper(9);
    const item = wanted(paper, env);
    await store.commitDay(paper.announced, { 'cs.CL': [paper] }, NOW);
    const indexed = async () => (await store.readWindow({ sources: ['cs.CL'], days: 1, summaryScope: item.scope })).summaries.get(`${paper.id}v1`);
    await summarizePaper(paperContext(env, { store }), item);
    expect((await store.getSummary(paper.id, 1, item.scope))?.source).toBe('abstract');
    expect((await indexed())?.source).toBe('abstract');

    // Later the same day: not due for another look, so no download and no call.
    const soon = await summarizePaper(paperContext(env, { store, now: hoursLater(2) }), item);
    expect(soon).toEqual({ kind: 'cached' });
    expect(files.requests).toHaveLength(2);

    serveHtml(paper.id);
    const next = await summarizePaper(paperContext(env, { store, now: hoursLater(21) }), item);
    expect(next).toMatchObject({ kind: 'summarized', cost: { source: 'fulltext-html', downloads: 1 } });
    const upgraded = await store.getSummary(paper.id, 1, item.scope);
    expect(upgraded).toMatchObject({ source: 'fulltext-html', createdAt: hoursLater(21).toISOString() });
    expect(upgraded!.fullTextMiss).toBeUndefined();
    // The feed's day index now lists the full-text summary in place of the stand-in.
    expect((await indexed())?.source).toBe('fulltext-html');

    const requestsBefore = files.requests.length;
    for (const h of [45, 24 * 7]) expect(await summarizePaper(paperContext(env, { store, now: hoursLater(h) }), item)).toEqual({ kind: 'cached' });
    expect(files.requests.length).toBe(requestsBefore);
    expect(llm.answeredPerKey().get(`${paper.id}v1:en`)).toBe(2);
  });

  it('looks again at most FULLTEXT_MAX_ATTEMPTS times, without an LLM call while nothing new is found', async () => {
    const env = fullTextEnv(files, llm);
    const store = openStore(env);
    const item = wanted(makePaper(10), env);
    const outcomes = [];
    for (const h of [0, 21, 42, 63, 84]) outcomes.push(await summarizePaper(paperContext(env, { store, now: hoursLater(h) }), item));
    expect(outcomes.map((o) => `${o.kind}:${o.cost?.downloads ?? 0}`)).toEqual(['summarized:2', 'cached:2', 'cached:2', 'cached:0', 'cached:0']);
    expect(llm.calls).toBe(1);
    const stored = StoredSummarySchema.parse(await store.getSummary(item.paper.id, 1, item.scope));
    expect(stored.fullTextMiss).toEqual({ reason: 'missing', attempts: 3, checkedAt: hoursLater(42).toISOString() });
  });

  it('two runs at once (two store instances on one DATA_DIR): one download and one call per paper', async () => {
    const env = fullTextEnv(files, llm);
    const papers = [11, 12, 13, 14].map((n) => makePaper(n));
    papers.forEach((p, i) => (i % 2 ? servePdf(p.id) : serveHtml(p.id)));
    files.delayMs = 30;
    const run = (order: typeof papers) => {
      const ctx = paperContext(env);
      return Promise.all(order.map((p) => summarizePaper(ctx, wanted(p, env))));
    };
    const [a, b] = await Promise.all([run(papers), run([...papers].reverse())]);
    const kinds = [...a, ...b].map((o) => o.kind);
    expect(kinds.filter((k) => k === 'summarized')).toHaveLength(4);
    expect(kinds.every((k) => ['summarized', 'busy', 'cached'].includes(k))).toBe(true);
    for (const [key, n] of llm.answeredPerKey()) expect(n, key).toBe(1);
    for (const p of papers) expect(files.requests.filter((r) => r.paper === `${p.id}v1` && r.status === 200), p.id).toHaveLength(1);
    // The run totals the job keeps from the outcomes match what the stand-in saw.
    const totals = zeroFullTextTotals();
    for (const o of [...a, ...b]) addPaperCost(totals, o.cost);
    expect(totals).toMatchObject({ downloads: files.requests.length, fromHtml: 2, fromPdf: 2, fromAbstract: 0 });
    expect(totals.downloadBytes).toBe(files.requests.reduce((n, r) => n + (r.status === 200 ? r.bytesSent : 0), 0));
  });

  it('SUMMARY_SOURCE=abstract keeps the old scope spelling and downloads nothing', async () => {
    const env = fullTextEnv(files, llm, { SUMMARY_SOURCE: 'abstract' });
    expect(summaryScope('en', env)).toBe(`en:${new URL(llm.baseURL).host}:fake-model:p1`);
    expect(summaryScope('en', { ...env, SUMMARY_SOURCE: 'fulltext' })).toBe(`en:${new URL(llm.baseURL).host}:fake-model:fulltext-f1`);
    const ctx = paperContext(env);
    expect(ctx.fullText).toBeUndefined();
    const paper = makePaper(15);
    serveHtml(paper.id);
    const outcome = await summarizePaper(ctx, wanted(paper, env));
    expect(outcome).toMatchObject({ kind: 'summarized', cost: { downloads: 0 } });
    expect(files.requests).toHaveLength(0);
    const stored = await openStore(env).getSummary(paper.id, 1, summaryScope('en', env));
    expect(stored).not.toHaveProperty('source');
    expect(stored).not.toHaveProperty('input');
  });
});
