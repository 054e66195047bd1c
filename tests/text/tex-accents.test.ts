/**
 * TeX accents and special letters as arXiv metadata writes them (`Przemys{\l}aw`, `J{\"o}rg`,
 * `Erd\H{o}s`) turned into the Unicode letters a reader expects, with the braces that only
 * grouped the accent gone, so the word stays one word.
 */
import { describe, expect, it } from 'vitest';
import { texAccentsToUnicode } from '../../lib/text/tex-accents';

describe('texAccentsToUnicode', () => {
  it.each([
    ['Kad{\\i}o\\u{g}lu', 'Kadıoğlu'],
    ["D\\'enes", 'Dénes'],
    ['Przemys{\\l}aw', 'Przemysław'],
    ['J{\\"o}rg', 'Jörg'],
    ['Erd\\H{o}s', 'Erdős'],
    ["\\v{S}ediv\\'y", 'Šedivý'],
    ['Schr\\"odinger', 'Schrödinger'],
    ['{\\AA}ngstr{\\"o}m', 'Ångström'],
    ['Fran\\c{c}ois', 'François'],
    ['Fran\\c cois', 'François'],
    ['Stra{\\ss}e', 'Straße'],
    ['Stra\\ss{}e', 'Straße'],
    ['{\\O}rsted', 'Ørsted'],
    ['Bj\\o rn', 'Bjørn'],
    ['\\L{}ukasz', 'Łukasz'],
    ['\\.Zó{\\l}w', 'Żółw'],
    ['Mu{\\~n}oz', 'Muñoz'],
    ["Ant{\\'{\\i}}a", 'Antía'],
    ['{\\"{o}}', 'ö'],
    ['\\k{a}', 'ą'],
    ['\\r{u}', 'ů'],
    ['\\d{o}', 'ọ'],
    ['\\={a}', 'ā'],
    ['\\^o', 'ô'],
    ['\\`e', 'è'],
    ['\\t{oo}', 'o\u0361o'],
    ['{\\ae}', 'æ'],
    ['{\\OE}', 'Œ'],
    ['\\DH', 'Ð'],
    ['\\th', 'þ'],
  ])('%s → %s', (tex, unicode) => {
    expect(texAccentsToUnicode(tex)).toBe(unicode);
  });

  it('returns composed (NFC) letters', () => {
    expect(texAccentsToUnicode('M\\"uller')).toBe('M\u00fcller');
  });

  it('leaves other commands, math and free-standing letters alone', () => {
    expect(texAccentsToUnicode('$\\mathcal{O}(n \\log n)$')).toBe('$\\mathcal{O}(n \\log n)$');
    expect(texAccentsToUnicode('$\\lambda$, \\theta, \\omega, \\textit{x}')).toBe('$\\lambda$, \\theta, \\omega, \\textit{x}');
    expect(texAccentsToUnicode('a 5 \\AA resolution')).toBe('a 5 Å resolution');
    expect(texAccentsToUnicode('{BERT} and \\"{ broken')).toBe('{BERT} and \\"{ broken');
  });
});
