import { describe, expect, it } from 'vitest';
import { highlight, richText, termPattern } from '../../lib/preview/rich-text';

describe('richText', () => {
  it('renders $…$ with KaTeX and keeps the rest as text', () => {
    const segs = richText('Cost $O(n^2)$ per step, \\$5 or $5');
    expect(segs.map((s) => s.kind)).toEqual(['text', 'math', 'text']);
    expect(segs[1]!.kind === 'math' && segs[1]!.html).toContain('class="katex"');
    expect(segs[2]).toEqual({ kind: 'text', text: ' per step, \\$5 or $5' });
  });

  it('never lets markup through: text stays text, KaTeX escapes and refuses \\href with trust off', () => {
    const segs = richText('<img src=x onerror=alert(1)> $\\href{javascript:alert(1)}{x}$ $<b>$');
    expect(segs[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)> ' });
    const html = segs.filter((s) => s.kind === 'math').map((s) => (s as { html: string }).html).join('');
    expect(html).not.toMatch(/<a\b|href=|<b>|<img/i);
    expect(html).toContain('&lt;b&gt;');
  });

  it('survives broken TeX without throwing', () => {
    expect(() => richText('$\\frac{$ and $\\undefinedmacro{x}$')).not.toThrow();
  });
});

describe('highlight', () => {
  it('marks whole words case-insensitively, plurals and quoted phrases included', () => {
    const segs = highlight('LLMs with a KV cache beat allm', termPattern(['llm', '"kv cache"']));
    expect(segs.filter((s) => s.kind === 'hit').map((s) => (s as { text: string }).text)).toEqual(['LLMs', 'KV cache']);
  });

  it('treats regex characters in terms literally', () => {
    const segs = highlight('C++ (fast) a.b', termPattern(['c++', '(fast)', 'a.b']));
    expect(segs.filter((s) => s.kind === 'hit')).toHaveLength(3);
    expect(termPattern(['', '""'])).toBeNull();
  });
});
