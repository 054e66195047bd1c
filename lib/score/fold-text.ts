/**
 * Folds arXiv text into the form the matcher compares: lower case, TeX accents and Unicode
 * diacritics removed (`M\"uller`, `Müller` → `muller`; a braced accent stays inside its word, so
 * `Przemys{\l}aw` → `przemyslaw`), LaTeX commands and math delimiters turned
 * into spaces so `$\mathrm{FP8}$` reads as `fp8` and `$H^3$Fusion` as `h^3 fusion`, never as one
 * glued word. Only for matching: what readers see is the original text.
 */
import { texAccentsToUnicode } from '../text/tex-accents';

/** A control word left once the accents are letters (`\mathrm`, `\text`, `\frac`), or a control symbol (`\&`, `\%`). */
const TEX_COMMAND = /\\(?:[A-Za-z]+|.)/g;
/** Math delimiters and groups separate words (`$H^3$Fusion`, `\text{KV}cache`). */
const TEX_DELIMITERS = /[${}]/g;
const COMBINING_MARKS = /\p{M}+/gu;
/** Letters NFD does not decompose. */
const UNDECOMPOSED: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ȷ: 'j', ŋ: 'ng' };
const UNDECOMPOSED_RE = /[øłđðþæœßıȷŋ]/g;
const NEEDS_UNICODE_FOLD = /[^\u0000-\u007f]/;

export function foldText(text: string): string {
  let s = text;
  if (s.includes('\\')) s = texAccentsToUnicode(s).replace(TEX_COMMAND, ' ');
  if (s.includes('$') || s.includes('{')) s = s.replace(TEX_DELIMITERS, ' ');
  s = s.toLowerCase();
  if (NEEDS_UNICODE_FOLD.test(s)) {
    s = s.normalize('NFD').replace(COMBINING_MARKS, '').replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? c);
  }
  return s;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Word characters: ASCII letters and digits, and any Unicode letter or number. Everything else separates words. */
const isAsciiWordCode = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);

/** Splits folded text into words (hyphens, apostrophes, punctuation and LaTeX symbols separate). */
export function splitWords(folded: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const code = i < folded.length ? folded.charCodeAt(i) : 32;
    const word = i < folded.length && (code < 128 ? isAsciiWordCode(code) : WORD_CHAR.test(folded[i]!));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      words.push(folded.slice(start, i));
      start = -1;
    }
  }
  return words;
}
