/**
 * TeX in arXiv titles, abstracts, names and summaries as a reader sees it typeset; math and
 * addresses exactly as written.
 */
import { describe, expect, it } from 'vitest';
import { texToText } from '../../lib/text/tex-to-text';

describe('texToText', () => {
  it.each([
    ['Kad{\\i}o\\u{g}lu', 'Kadıoğlu'],
    ["D\\'enes", 'Dénes'],
    ['Przemys{\\l}aw', 'Przemysław'],
    ['\\textbf{IKUN} is \\emph{new}, \\textit{very} \\texttt{fast}', 'IKUN is new, very fast'],
    ['\\textbf{\\emph{nested}} {\\bf old} {\\em style} {BERT}', 'nested old style BERT'],
    ['50\\% \\& 3\\#1 snake\\_case \\{set\\}', '50% & 3#1 snake_case {set}'],
    ['Fig.~2, pages 3--5 --- done', 'Fig.\u00a02, pages 3–5 — done'],
    ["``quoted'' and `single'", '“quoted” and ‘single’'],
    ["it's the authors' model", "it's the authors' model"],
    ['\\href{https://github.com/a/b}{our code}', 'our code (https://github.com/a/b)'],
    ['\\href{https://a.org}{https://a.org}', 'https://a.org'],
    ['\\url{https://x.org/~u/a--b}', 'https://x.org/~u/a--b'],
    ['see https://x.org/~u/a--b now', 'see https://x.org/~u/a--b now'],
    ['\\LaTeX{} and \\TeX\\ldots', 'LaTeX and TeX…'],
    ['1\\textsuperscript{st} place', '1st place'],
    ['thin\\,space, forced\\\\break, hy\\-phen', 'thin\u2009space, forced break, hyphen'],
  ])('%s → %s', (tex, text) => {
    expect(texToText(tex)).toBe(text);
  });

  it('keeps inline and display math exactly as written', () => {
    const math = 'Cost $\\mathcal{O}(n~\\log n)$ with $\\textbf{x}--y$ and $$a--b~c$$; 10--20';
    expect(texToText(math)).toBe('Cost $\\mathcal{O}(n~\\log n)$ with $\\textbf{x}--y$ and $$a--b~c$$; 10–20');
  });

  it('leaves commands it does not know visible, and an escaped dollar escaped', () => {
    expect(texToText('\\foo{bar} costs \\$5')).toBe('\\foo{bar} costs \\$5');
  });

  it('returns text without TeX unchanged', () => {
    const plain = 'Schrödinger Bridges for 日本語 Text Generation <b> & "q"';
    expect(texToText(plain)).toBe(plain);
  });
});
