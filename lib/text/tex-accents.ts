/**
 * TeX accents and special letters (`\"o`, `{\"o}`, `\v{S}`, `{\l}`, `\ss{}`) as Unicode letters
 * (`ö`, `Š`, `ł`, `ß`). arXiv metadata keeps what authors typed, and names come as
 * `Przemys{\l}aw` or `J{\"o}rg`: the braces there only group the accent, so they go with it and the
 * name stays one word. Other commands, math and braces are left as they are.
 * https://en.wikibooks.org/wiki/LaTeX/Special_Characters#Escaped_codes
 */

/** LaTeX text accents and the Unicode combining mark each one puts on its letter. */
const ACCENT_MARKS: Record<string, string> = {
  '`': '\u0300', "'": '\u0301', '^': '\u0302', '~': '\u0303', '=': '\u0304', u: '\u0306', '.': '\u0307',
  '"': '\u0308', r: '\u030A', H: '\u030B', v: '\u030C', d: '\u0323', c: '\u0327', k: '\u0328', b: '\u0331',
  t: '\u0361',
};

/** Letters LaTeX spells as commands. `\SS` is how LaTeX writes ß in capitals. */
const SPECIAL_LETTERS: Record<string, string> = {
  i: 'ı', j: 'ȷ', l: 'ł', L: 'Ł', o: 'ø', O: 'Ø', ss: 'ß', SS: 'SS', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ',
  oe: 'œ', OE: 'Œ', dh: 'ð', DH: 'Ð', dj: 'đ', DJ: 'Đ', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
};

/** An accent over a dotless `\i` or `\j` is the ordinary accented letter (`\'\i` is í). */
const ACCENT_BASES: Record<string, string> = { i: 'i', j: 'j' };

// A control word ends where its letters end: `\o` is a letter, `\omega` is not.
const SPECIAL = `\\\\(${Object.keys(SPECIAL_LETTERS).sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z])`;
// Accents named by a symbol (`\"`) or by one letter (`\v`, never `\vec`); TeX skips spaces before the argument.
const ACCENT_COMMAND = `\\\\(?:([\`'^~=."])|([uvHtcdbrk])(?![A-Za-z]))\\s*`;
const ARGUMENT = `(?:\\{\\s*(?:${SPECIAL}|([A-Za-z]{1,2}))\\s*\\}|${SPECIAL}|([A-Za-z]))`;
const ACCENTED = `${ACCENT_COMMAND}${ARGUMENT}`;
/** One accented or special letter at the start of a string; its groups are read by `letterOf`. */
const ONE_LETTER = new RegExp(`^(?:${ACCENTED}|${SPECIAL})`);
/** A letter whose braces only group it: `J{\"o}rg`, `Przemys{\l}aw`, `{\"{o}}`. */
const BRACED_LETTER = new RegExp(`\\{\\s*((?:${ACCENTED}|${SPECIAL}))\\s*\\}`, 'g');
/**
 * A bare letter; a special letter also takes the empty group after it (`\ss{}e`) or, inside a
 * word, the one space TeX eats after a command (`Bj\o rn`). Elsewhere the space stays, since
 * `5 \AA resolution` is two words.
 */
const BARE_LETTER = new RegExp(`${ACCENTED}|(?<=[A-Za-z])${SPECIAL} (?=[a-z])|${SPECIAL}(?:\\{\\})?`, 'g');

function letterOf(tex: string): string {
  const m = ONE_LETTER.exec(tex)!;
  const [, symbol, word, bracedSpecial, bracedLetters, special, letter, alone] = m;
  if (alone !== undefined) return SPECIAL_LETTERS[alone]!;
  const mark = ACCENT_MARKS[(symbol ?? word)!]!;
  const name = bracedSpecial ?? special;
  const base = name !== undefined ? (ACCENT_BASES[name] ?? SPECIAL_LETTERS[name]!) : (bracedLetters ?? letter)!;
  // the mark goes on the first letter; `\t{oo}` ties two
  return (base[0]! + mark + base.slice(1)).normalize('NFC');
}

/** Replaces TeX accents and special letters with Unicode letters; everything else is kept. */
export function texAccentsToUnicode(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(BRACED_LETTER, (_, inner: string) => letterOf(inner)).replace(BARE_LETTER, (match) => letterOf(match));
}
