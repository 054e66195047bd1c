/**
 * Summary rendering: LLM output is untrusted. Structured and plain-text summaries become
 * sanitized, XML-safe HTML (no script, no handlers, no javascript: links, no U+0001) and clean text.
 */
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { StoredSummary } from '../../lib/model/summary';
import { summaryToHtml, summaryToText, summaryToTldr } from '../../lib/feed/render-summary';
import { HOSTILE_TEXT } from '../../scripts/support/fake-openai';
import { expectInert } from './expect-inert';

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
    // HTML the model wrote is shown as the text it is, never parsed.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror="alert(2)"&gt;');
    // A Markdown link to javascript: keeps its text and loses its target.
    expect(html).toContain('<a rel="nofollow noopener noreferrer">click</a>');
    expect(html).toContain('ctrlchar');
    expect(XMLValidator.validate(`<div>${html}</div>`)).toBe(true);
  });

  it('keeps text that merely looks like HTML (a<b, <fast>) as words', () => {
    const html = summaryToHtml(structured({ tldr: 'Verifies <fast>. Holds for a<b and c>d.' }));
    expect(html).toContain('<p>Verifies &lt;fast&gt;. Holds for a&lt;b and c&gt;d.</p>');
  });

  it('renders the plain-text fallback as sanitized Markdown', () => {
    const summary: StoredSummary = {
      ...base,
      content: null,
      text: '# Title\n\n**TL;DR** fast.\n\n- one\n- two <script>alert(1)</script>\n\n[bad](javascript:alert(2)) \u0001\n\n<iframe src="https://evil.example"></iframe>',
    };
    const html = summaryToHtml(summary);
    expectInert(html);
    expect(html).toContain('<li>two &lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(html).toContain('<p>&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;</p>');
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

  it('shows the same words as the HTML: markup Markdown made is gone, Markdown link targets and control characters too', () => {
    const text = summaryToText(hostile);
    expect(text).not.toMatch(/\(javascript:|\u0001/);
    // The model's own HTML is literal text here as on the page; its Markdown link keeps only "click".
    expect(text).toContain('Breaks ]]> CDATA <script>alert(1)</script> <img src=x onerror="alert(2)"> click <a href="javascript:alert(4)">x</a>');
    expect(text).toContain('ctrlchar');
    expect(text).toContain('- x\n');
    expect(text).toContain('- <script>alert("c")</script>first');
    expect(summaryToText({ ...base, content: null, text: 'a < b & c **d** <fast>' })).toBe('a < b & c d <fast>');
  });
});

describe('summaryToTldr', () => {
  it('is the TL;DR as plain text, or the first paragraph of a plain-text summary, cut to a sentence or two', () => {
    expect(summaryToTldr(structured())).toBe('A faster decoder for $x_i^2$ models.');
    expect(summaryToTldr({ ...base, content: null, text: '## Summary\n\n**TL;DR** It is *fast*.\n\n- more' })).toBe('Summary');
    expect(summaryToTldr({ ...base, content: null, text: '**TL;DR** It is *fast*.\n\n- more' })).toBe('TL;DR It is fast.');
    const long = summaryToTldr(structured({ tldr: 'word '.repeat(200) }));
    expect(long.length).toBeLessThanOrEqual(400);
    expect(long.endsWith('…')).toBe(true);
  });
});
