/**
 * Full-text summaries end to end on local stand-ins (real HTTP, the real `openai` client, the real
 * throttled downloader and embedded store): HTML first, the PDF when there is no HTML, the abstract
 * when neither can be had (and the summary says so); what reaches the model (body text, not page
 * junk; cut to SUMMARY_FULLTEXT_MAX_CHARS); a 30 MB PDF refused; retries; the deadline.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizePaper } from '../../lib/summarize/summarize-paper';
import { summaryScope } from '../../lib/summarize/summary-scope';
import type { FakeArxivPapers } from '../../scripts/support/fake-arxiv-papers';
import type { FakeOpenAi } from '../../scripts/support/fake-openai';
import { JUNK_MARKERS } from '../../scripts/support/paper-files';
import { fullTextEnv, makePaper, NOW, openStore, paperContext, systemText, userText, wanted, type SentRequest } from './fulltext-setup';
import { useFullTextWorld } from './fulltext-world';

const world = useFullTextWorld();
const { serveHtml, servePdf } = world;
let files: FakeArxivPapers;
let llm: FakeOpenAi;
beforeAll(() => ({ files, llm } = world));

describe('full text: HTML first, then PDF, then the abstract', () => {
  it('summarizes from the HTML rendering: body text, TeX math and table rows reach the model, page junk does not', async () => {
    const env = fullTextEnv(files, llm);
    const paper = makePaper(1);
    serveHtml(paper.id);
    servePdf(paper.id);
    const sent: SentRequest[] = [];
    const outcome = await summarizePaper(paperContext(env, { sent }), wanted(paper, env));

    expect(outcome).toMatchObject({ kind: 'summarized', cost: { downloads: 1, source: 'fulltext-html' } });
    expect(outcome.cost!.bytes).toBeGreaterThan(3_000);
    expect(files.requestsOf('pdf')).toHaveLength(0);
    expect(files.requestsOf('html')[0]!.userAgent).toMatch(/^arxiv-feeds\/\S+ \(\+https?:\/\//);
    expect(sent).toHaveLength(1);
    const prompt = userText(sent[0]!);
    for (const mark of ['MARK-INTRO', 'MARK-METHOD', 'MARK-SETUP', 'MARK-RESULTS', 'MARK-CONCLUSION', 'MARK-APPENDIX']) expect(prompt).toContain(mark);
    expect(prompt).toContain('$\\alpha_{t}$');
    expect(prompt).toContain('$$L=\\sum_{i}\\log p(x_{i})$$');
    expect(prompt).toContain('Method | GSM8K | HumanEval\nOurs | 2.4x | 2.1x');
    expect(prompt).toContain('Table 1: Speed-up per benchmark.');
    expect(prompt).toContain('## 3 Method');
    expect(prompt).toMatch(/^arXiv:2603\.00001v1\nLanguage: en\n/);
    for (const junk of JUNK_MARKERS) expect(prompt).not.toContain(junk);
    expect(prompt).not.toContain('<');
    // The full-text prompt and its strict schema, not the abstract one.
    expect(systemText(sent[0]!)).toMatch(/full text of one paper/);
    expect(systemText(sent[0]!)).toMatch(/datasets, environment .* configuration .* metrics, baselines/);
    expect(sent[0]!.response_format?.json_schema?.name).toBe('paper_fulltext_summary');

    const stored = await openStore(env).getSummary(paper.id, 1, summaryScope('en', env));
    expect(stored).toMatchObject({ source: 'fulltext-html', promptVersion: 'f1', input: { downloads: 1 } });
    expect(stored!.input!.chars).toBe(sent[0]!.messages.reduce((n, m) => n + m.content.length, 0));
    expect(stored!.fullTextMiss).toBeUndefined();
    expect(stored!.content?.tldr).toBe('[en] One-sentence summary of 2603.00001v1.');
    expect(outcome.cost!.chars).toBe(stored!.input!.chars);
  });

  it('a provider without JSON mode gets the full-text prompt as Markdown sections, TL;DR first', async () => {
    const env = fullTextEnv(files, llm);
    const paper = makePaper(16);
    serveHtml(paper.id);
    llm.options = { mode: 'reject-json-mode' };
    const sent: SentRequest[] = [];
    expect(await summarizePaper(paperContext(env, { sent }), wanted(paper, env))).toMatchObject({ kind: 'summarized', cost: { source: 'fulltext-html' } });
    expect(sent.map((r) => r.response_format?.type ?? 'text')).toEqual(['json_schema', 'text']);
    expect(systemText(sent[1]!)).toMatch(/TL;DR \(one sentence\); Contributions and the problem solved .*Method;.*Experimental setup \(datasets, environment, model configuration, metrics, baselines\); Main results .*Conclusions, limitations and future work/);
    expect(userText(sent[1]!)).toContain('MARK-RESULTS');
    const stored = await openStore(env).getSummary(paper.id, 1, summaryScope('en', env));
    expect(stored).toMatchObject({ source: 'fulltext-html', content: null });
    expect(stored!.text).toContain('**TL;DR**');
  });

  it('no HTML rendering (404): the PDF, without its running heads, page numbers, stamp or bibliography', async () => {
    const env = fullTextEnv(files, llm);
    const paper = makePaper(2);
    servePdf(paper.id, 6);
    const sent: SentRequest[] = [];
    const outcome = await summarizePaper(paperContext(env, { sent }), wanted(paper, env));

    expect(outcome).toMatchObject({ kind: 'summarized', cost: { downloads: 2, source: 'fulltext-pdf' } });
    expect(files.requests.map((r) => `${r.kind} ${r.status}`)).toEqual(['html 404', 'pdf 200']);
    const prompt = userText(sent[0]!);
    for (const mark of ['MARK-INTRO', 'MARK-METHOD', 'MARK-SETUP', 'MARK-RESULTS', 'MARK-CONCLUSION']) expect(prompt).toContain(mark);
    expect(prompt).toContain('## 4 Experiments');
    expect(prompt).toContain('text extracted from the PDF');
    for (const junk of ['HEADERJUNK', 'BIBJUNK', 'AUTHORJUNK']) expect(prompt).not.toContain(junk);
    expect(prompt).not.toMatch(/\[cs\.CL\] 2 Mar 2026/);
    const stored = await openStore(env).getSummary(paper.id, 1, summaryScope('en', env));
    expect(stored).toMatchObject({ source: 'fulltext-pdf', input: { downloads: 2 } });
  });

  it('neither: summarized from the abstract, and the stored summary says so and why', async () => {
    const env = fullTextEnv(files, llm);
    const paper = makePaper(3);
    const sent: SentRequest[] = [];
    const outcome = await summarizePaper(paperContext(env, { sent }), wanted(paper, env));

    expect(outcome).toMatchObject({ kind: 'summarized', cost: { downloads: 2, source: 'abstract' } });
    const prompt = userText(sent[0]!);
    expect(prompt).toContain('ABSTRACT-ONLY text of paper 3');
    expect(prompt).not.toContain('Full text:');
    expect(sent[0]!.response_format?.json_schema?.name).toBe('paper_summary');
    const stored = await openStore(env).getSummary(paper.id, 1, summaryScope('en', env));
    expect(stored).toMatchObject({ source: 'abstract', promptVersion: 'p1', fullTextMiss: { reason: 'missing', attempts: 1, checkedAt: NOW.toISOString() } });
  });
});

describe('full text: limits', () => {
  it('refuses a 30 MB PDF without reading it (Content-Length) or past the cap (no Content-Length)', async () => {
    const env = fullTextEnv(files, llm);
    const maxBytes = env.SUMMARY_FULLTEXT_MAX_BYTES;
    expect(maxBytes).toBe(20 * 1024 * 1024);
    for (const [n, contentLength] of [
      [4, true],
      [5, false],
    ] as const) {
      const paper = makePaper(n);
      files.files.pdf.set(`${paper.id}v1`, { hugeBytes: 30 * 1024 * 1024, contentLength });
      const outcome = await summarizePaper(paperContext(env), wanted(paper, env));
      expect(outcome).toMatchObject({ kind: 'summarized', cost: { source: 'abstract' } });
      const served = files.requestsOf('pdf', `${paper.id}v1`)[0]!;
      expect(served.bytesSent).toBeLessThan(30 * 1024 * 1024);
      if (contentLength) expect(outcome.cost!.bytes).toBe(0);
      else expect(outcome.cost!.bytes).toBeGreaterThan(maxBytes);
      expect(outcome.cost!.bytes).toBeLessThan(maxBytes + 1024 * 1024);
      const stored = await openStore(env).getSummary(paper.id, 1, summaryScope('en', env));
      expect(stored?.source).toBe('abstract');
      console.log(`[figures] 30 MB PDF, content-length=${contentLength}: server sent ${(served.bytesSent / 1024 / 1024).toFixed(1)} MB, client read ${(outcome.cost!.bytes / 1024 / 1024).toFixed(1)} MB`);
    }
  }, 30_000);

  it('cuts the text at SUMMARY_FULLTEXT_MAX_CHARS, keeping results and conclusion before the appendix, and says what it cut', async () => {
    const env = fullTextEnv(files, llm, { SUMMARY_FULLTEXT_MAX_CHARS: '6000' });
    const paper = makePaper(6);
    serveHtml(paper.id, 40);
    const sent: SentRequest[] = [];
    await summarizePaper(paperContext(env, { sent }), wanted(paper, env));
    const prompt = userText(sent[0]!);
    const body = prompt.slice(prompt.indexOf('Full text:\n') + 'Full text:\n'.length);
    expect(body.length).toBeLessThanOrEqual(6000);
    expect(body.length).toBeGreaterThan(5000);
    for (const mark of ['MARK-INTRO', 'MARK-METHOD', 'MARK-SETUP', 'MARK-RESULTS', 'MARK-CONCLUSION']) expect(body).toContain(mark);
    expect(body).not.toContain('MARK-APPENDIX');
    expect(body).not.toContain('MARK-RELATED');
    expect(prompt).toMatch(/Cut for length: .*3 Method \(shortened\).*2 Related Work \(left out\)|Cut for length: .*2 Related Work \(left out\)/);
    const stored = await openStore(env).getSummary(paper.id, 1, summaryScope('en', env));
    expect(stored!.input!.cut).toEqual(expect.arrayContaining(['Appendix A Proofs (left out)', '5 Results (shortened)']));
  });

  it('retries a 503 as the arXiv fetch policy allows (a 404 is asked once: see the PDF case)', async () => {
    const env = fullTextEnv(files, llm);
    const paper = makePaper(7);
    serveHtml(paper.id);
    files.queue('html', { status: 503, headers: { 'retry-after': '0' } }, { status: 503 });
    const outcome = await summarizePaper(paperContext(env), wanted(paper, env));
    expect(outcome).toMatchObject({ kind: 'summarized', cost: { downloads: 3, source: 'fulltext-html' } });
    expect(files.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  }, 20_000);

  it('with the deadline too near for a download and a call, skips the paper without asking anyone', async () => {
    const env = fullTextEnv(files, llm);
    const paper = makePaper(8);
    serveHtml(paper.id);
    const outcome = await summarizePaper(paperContext(env, { deadlineMs: Date.now() + 5_000 }), wanted(paper, env));
    expect(outcome).toMatchObject({ kind: 'skipped', reason: 'deadline' });
    expect(files.requests).toHaveLength(0);
    expect(llm.calls).toBe(0);
  });
});
