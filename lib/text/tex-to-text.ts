/**
 * What arXiv's TeX-flavoured metadata reads as once typeset, for display: accents as Unicode
 * letters (the one table, tex-accents.ts), text-mode macros (`\textbf{IKUN}`, `\emph{}`,
 * `\url{}`, `\href{url}{text}`) as their text, `50\%` as `50%`, `~` as a no-break space, `--`
 * and `---` as dashes, ``` ``quotes'' ``` as curly quotes. Math (`$…$`, `$$…$$`) and URLs stay
 * exactly as written: the page renders math with KaTeX, and `~` or `--` in an address is part
 * of it. Commands it does not know stay visible rather than being guessed at. The store keeps
 * the raw text; this runs only where text is shown.
 * https://en.wikibooks.org/wiki/LaTeX/Special_Characters
 */
import { texAccentsToUnicode } from './tex-accents';

/**
 * Math as the page and the summary renderer find it (one line, ≤ 300 characters, not `\$`), and
 * display math. Kept verbatim.
 */
const MATH = /\$\$[^$]{1,2000}?\$\$|(?<!\\)\$(?!\$)[^$\n]{1,300}?(?<!\\)\$(?!\$)/g;
/** `\url{…}`, `\href{…}{…}` and bare http(s) addresses: what is inside is an address, not text. */
const LINK = /\\url\s*\{([^{}]*)\}|\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}|https?:\/\/[^\s{}<>"]+/g;

/** Macros whose one braced argument is plain text once typeset. */
const TEXT_MACROS = 'textbf|textit|textsl|textsc|texttt|textrm|textsf|textup|textmd|textnormal|textsuperscript|textsubscript|emph|underline|mbox|text';
const TEXT_MACRO = new RegExp(`\\\\(?:${TEXT_MACROS})\\s*\\{([^{}]*)\\}`, 'g');
/** Old-style font switches inside a group (`{\bf IKUN}`, `{\em new}`): the group's text stays. */
const FONT_SWITCH = /\\(?:bf|it|em|sl|sc|tt|rm|sf|bfseries|itshape|ttfamily|scshape|normalfont)(?![A-Za-z])\s*/g;
/** Commands that stand for a word or a character. */
const NAMED: Record<string, string> = {
  LaTeX: 'LaTeX', TeX: 'TeX', ldots: '…', dots: '…', textellipsis: '…', textendash: '–', textemdash: '—',
  textasciitilde: '~', textbackslash: '\\', textbar: '|', textless: '<', textgreater: '>', S: '§', P: '¶', copyright: '©',
};
const NAMED_COMMAND = new RegExp(`\\\\(${Object.keys(NAMED).join('|')})(?![A-Za-z])(?:\\{\\})?`, 'g');
/** A group not opened by a command: its braces only group (`{IKUN}`, `{BERT}`). */
const BARE_GROUP = /(?<!\\[A-Za-z]*)\{([^{}]*)\}/g;
/** `\%` and friends. `\$` stays: a bare `$` would read as the start of math on the page. */
const ESCAPED = /\\([%&#_{}])/g;
const SPACES: [RegExp, string][] = [
  [/\\\\(?:\[[^\]]*\])?/g, ' '], // a forced line break
  [/\\,/g, '\u2009'],
  [/\\[;:> ]/g, ' '],
  [/\\-/g, ''], // a hyphenation hint
  [/(?<!\\)~/g, '\u00a0'],
];
const PUNCTUATION: [RegExp, string][] = [
  [/---/g, '—'],
  [/--/g, '–'],
  [/``([^`'\n]{0,300}?)''/g, '“$1”'],
  [/(?<![`\w])`([^`'\n]{1,80})'(?!\w)/g, '‘$1’'],
];

/** Replaces innermost groups until none is left (`\textbf{\emph{x}}`), a few levels at most. */
function unwrap(text: string, pattern: RegExp): string {
  let out = text;
  for (let depth = 0; depth < 5; depth++) {
    const next = out.replace(pattern, '$1');
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Prose between math and links. */
function proseToText(tex: string): string {
  let s = texAccentsToUnicode(tex);
  if (s.includes('\\')) s = unwrap(s, TEXT_MACRO).replace(FONT_SWITCH, '').replace(NAMED_COMMAND, (_, name: string) => NAMED[name]!);
  for (const [pattern, to] of SPACES) s = s.replace(pattern, to);
  if (s.includes('{')) s = unwrap(s, BARE_GROUP);
  s = s.replace(ESCAPED, '$1');
  for (const [pattern, to] of PUNCTUATION) s = s.replace(pattern, to);
  return s;
}

/** Text with links kept as addresses: `\href{url}{text}` reads `text (url)`. */
function linkedToText(tex: string): string {
  let out = '';
  let last = 0;
  for (const m of tex.matchAll(LINK)) {
    const [whole, url, hrefUrl, hrefText] = m;
    out += proseToText(tex.slice(last, m.index));
    if (url !== undefined) out += url.trim();
    else if (hrefUrl !== undefined) {
      const label = proseToText(hrefText!).trim();
      out += label && label !== hrefUrl.trim() ? `${label} (${hrefUrl.trim()})` : hrefUrl.trim();
    } else out += whole;
    last = m.index + whole.length;
  }
  return out + proseToText(tex.slice(last));
}

/** Display text of a TeX-flavoured title, abstract, name or summary; math and URLs unchanged. */
export function texToText(tex: string): string {
  if (!/[\\~`'{}-]/.test(tex)) return tex;
  let out = '';
  let last = 0;
  for (const m of tex.matchAll(MATH)) {
    out += linkedToText(tex.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + linkedToText(tex.slice(last));
}
