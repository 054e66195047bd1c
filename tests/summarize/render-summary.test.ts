/**
 * Summary rendering: LLM output is untrusted. Structured and plain-text summaries become
 * sanitized, XML-safe HTML (no script, no handlers, no javascript: links, no U+0001) and clean text.
 */
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { StoredSummary } from '../../lib/model/summary';
import { summaryToHtml, summaryToText } from '../../lib/summarize/render-summary';
import { HOSTILE_TEXT } from '../helpers/fake-openai';

const base: Omit<StoredSummary, 'content' | 'text'> = {
  paperId: '2603.00001',
  version: 1,
  language: 'en',
  model: 'fake-model',
  promptVersion: 'p1',
  createdAt: '2026-03-03T12:00:00.000Z',
  tokens: 100,
};

const structured = (over: Partial<NonNullable<StoredSummary['content']>> = {}, language = 'en'): StoredSummary => ({
  ...base,
  language,
  content: {
    tldr: 'A **faster** decoder for $x_i^2$ models.',
    contributions: ['First *idea*', 'Second\nline with - a dash', '  '],
    method: 'Draft-then-verify.\n\nSecond paragraph.',
    results: '2.1× speed-up on [the benchmark](https://example.org/b?x=1&y=2).',
    limitations: '',
    ...over,
  },
});

const hostile: StoredSummary = {
  ...base,
  content: {
    tldr: HOSTILE_TEXT,
    contributions: ['<script>alert("c")</script>first', '[x](javascript:alert(7))', '<img src=x onerror=alert(8)>'],
    method: '<iframe src="https://evil.example"></iframe>method\u0001 <a href="https://ok.example" onclick="alert(9)">ok</a>',
    results: '<svg onload="alert(6)"></svg>results ]]> <form action="https://evil.example"><input name=a></form>',
    limitations: '<style>body{display:none}</style>none <a href="data:text/html,hi">d</a> <a href="//evil.example">p</a>',
  },
};

/** Nothing executable or XML-breaking may survive. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<(script|iframe|svg|style|img|form|input|object|embed)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|data:text|href="\/\//i);
  expect(html).not.toMatch(/alert\(/);
  expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
}

describe('summaryToHtml', () => {
  it('renders TL;DR, a contributions list, method and results; skips empty sections', () => {
    const html = summaryToHtml(structured());
    expect(html).toContain('<h4>TL;DR</h4><p>A <strong>faster</strong> decoder for <code>$x_i^2$</code> models.</p>');
    expect(html).toContain('<h4>Contributions</h4><ul>');
    expect(html).toContain('<li>First <em>idea</em></li>');
    // A newline inside one item does not split the list.
    expect(html).toContain('<li>Second line with - a dash</li>');
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html).toContain('<h4>Method</h4><p>Draft-then-verify.</p>');
    expect(html).toContain('<a href="https://example.org/b?x=1&amp;y=2" rel="nofollow noopener noreferrer">the benchmark</a>');
    expect(html).not.toContain('Limitations');
    expect(XMLValidator.validate(`<div>${html}</div>`)).toBe(true);
  });

  it('labels sections in Chinese for zh summaries', () => {
    expect(summaryToHtml(structured({}, 'zh'))).toContain('<h4>要点</h4>');
    expect(summaryToHtml(structured({}, 'zh-CN'))).toContain('<h4>贡献</h4>');
    expect(summaryToHtml(structured({}, 'fr'))).toContain('<h4>TL;DR</h4>');
  });

  it('makes hostile structured output inert and XML-safe (]]>, script, handlers, javascript:, U+0001)', () => {
    const html = summaryToHtml(hostile);
    expectInert(html);
    expect(html).toContain('Breaks ]]&gt; CDATA');
    expect(html).toContain('<b>bold</b>');
    expect(html).toContain('<a href="https://ok.example" rel="nofollow noopener noreferrer">ok</a>');
    expect(html).toContain('ctrlchar');
    expect(XMLValidator.validate(`<div>${html}</div>`)).toBe(true);
  });

  it('renders the plain-text fallback as sanitized Markdown', () => {
    const summary: StoredSummary = {
      ...base,
      content: null,
      text: '# Title\n\n**TL;DR** fast.\n\n- one\n- two <script>alert(1)</script>\n\n[bad](javascript:alert(2)) \u0001',
    };
    const html = summaryToHtml(summary);
    expectInert(html);
    expect(html).toContain('<h4>Title</h4>');
    expect(html).toContain('<strong>TL;DR</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a rel="nofollow noopener noreferrer">bad</a>');
  });
});

describe('summaryToText', () => {
  it('gives labelled plain text without markup', () => {
    const text = summaryToText(structured());
    expect(text).toBe(
      [
        'TL;DR: A faster decoder for $x_i^2$ models.',
        'Contributions:\n- First idea\n- Second\nline with - a dash',
        'Method: Draft-then-verify.\n\nSecond paragraph.',
        'Results: 2.1× speed-up on the benchmark.',
      ].join('\n\n'),
    );
  });

  it('keeps no tag, script body, javascript: link or control character of hostile output', () => {
    const text = summaryToText(hostile);
    expect(text).not.toMatch(/<[a-z/]/i);
    expect(text).not.toMatch(/javascript:|alert\(|\u0001/);
    expect(text).toContain('Breaks ]]> CDATA');
    expect(text).toContain('- first');
    expect(summaryToText({ ...base, content: null, text: 'a < b & c **d**' })).toBe('a < b & c d');
  });
});
