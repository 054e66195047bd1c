/**
 * Folding TeX-accented arXiv text for matching: every accent and special letter becomes its plain
 * letter inside the same word, braced (`{\"o}`) or not (`\"o`, `\"{o}`), so `Przemyslaw` and
 * `Jorg Schmidt` find `Przemys{\l}aw` and `J{\"o}rg Schmidt`.
 */
import { describe, expect, it } from 'vitest';
import { compileAuthor } from '../../lib/score/compile-term';
import { foldText, splitWords } from '../../lib/score/fold-text';
import { indexPaper } from '../../lib/score/index-paper';
import { paper } from './score-helpers';

const words = (text: string) => splitWords(foldText(text));

describe('TeX accents and special letters fold to plain letters in one word', () => {
  it.each([
    ['Przemys{\\l}aw', 'przemyslaw'],
    ['J{\\"o}rg', 'jorg'],
    ['J\\"{o}rg', 'jorg'],
    ['Do\\u{g}an', 'dogan'],
    ['Kad{\\i}r', 'kadir'],
    ['\\.Zaneta', 'zaneta'],
    ['{\\aa}se', 'ase'],
    ['S{\\o}ren', 'soren'],
    ['Stra{\\ss}e', 'strasse'],
    ["Ren\\'ee", 'renee'],
    ['Fran\\c{c}ois', 'francois'],
    ['Ko\\v{s}ice', 'kosice'],
    ['Pe\\~na', 'pena'],
    ['C\\^ote', 'cote'],
    ['K\\=ahu', 'kahu'],
    ['Erd\\H{o}s', 'erdos'],
    ['W\\k{a}s', 'was'],
    ['{\\AE}sir', 'aesir'],
    ['{\\OE}uvre', 'oeuvre'],
    ['\\L{}ukasz', 'lukasz'],
    ['{\\L}ukasz', 'lukasz'],
    ['\\O{}stergaard', 'ostergaard'],
    ['Bj\\o rn', 'bjorn'],
    ['{\\"{o}}zt\\"urk', 'ozturk'],
    ["Ant{\\'{\\i}}a", 'antia'],
    ['\\r{U}nos', 'unos'],
    ['{\\th}orn', 'thorn'],
    ['{\\dh}', 'd'],
    ['Kad{\\i}o\\u{g}lu', 'kadioglu'],
    ["D\\'enes", 'denes'],
    ["\\v{S}ediv\\'y", 'sedivy'],
  ])('%s → %s', (tex, folded) => {
    expect(words(tex)).toEqual([folded]);
  });

  it('keeps a word after a special letter that stands alone', () => {
    expect(words('a 5 \\AA resolution')).toEqual(['a', '5', 'a', 'resolution']);
  });
});

describe('authors written with TeX accents', () => {
  const authors = (...names: string[]) => indexPaper(paper('A title', 'An abstract.', { authors: names }));
  it.each([
    ['Przemyslaw', ['Przemys{\\l}aw Biecek']],
    ['Jorg Schmidt', ['J{\\"o}rg Schmidt']],
    ['Jörg Schmidt', ['J\\"{o}rg Schmidt']],
    ['Kadioglu', ['Serdar Kad{\\i}o\\u{g}lu']],
    ['Denes', ["D\\'enes Petz"]],
    ['Erdos', ['Paul Erd\\H{o}s']],
    ['Sedivy', ["Jan \\v{S}ediv\\'y"]],
    ['Soren Hauberg', ['S{\\o}ren Hauberg']],
  ])('%s matches %j', (term, names) => {
    expect(compileAuthor(term)!.matches(authors(...names))).toBe(true);
  });
});
