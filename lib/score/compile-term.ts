/**
 * Turns one user term into a matcher, once per profile. The rules (README "Scoring"):
 * - whole words only, case- and accent-insensitive: `rl` never matches inside `world`;
 * - a plain word of 3+ letters also matches its inflections (inflect-word.ts);
 * - an acronym (`RL`, `MoE`, `FP8`, `LLM`: two capitals, a capital after the first letter, or a
 *   digit) and any word under 3 letters match exactly or with a plural s (`LLMs`), no other form;
 * - hyphens separate words, so `RL` matches `RL-based`; a term of several words (`multi-agent`,
 *   `kv cache`) matches them adjacent with a space, a hyphen or nothing between (`multi agent`,
 *   `multiagent`), its last word inflected (`kv caches`);
 * - a quoted term (`"kv cache"`) matches exactly those words: no inflection, no plural, spaces as
 *   any whitespace, other characters literally.
 */
import { foldText, splitWords } from './fold-text';
import { MIN_INFLECTED_LENGTH, wordForms } from './inflect-word';
import { AUTHOR_EXACT, bitsOf, fieldsOfAny, fieldsOfExact, IN_ABSTRACT, IN_TITLE, type PaperIndex } from './index-paper';
import { wordId } from './vocabulary';

export type TermKind = 'word' | 'acronym' | 'quoted-word' | 'words' | 'quoted-phrase';

export type CompiledTerm = {
  /** The term as the user wrote it (shown in explanations). */
  label: string;
  kind: TermKind;
  /** Identical keys match identically, so a duplicate counts once. */
  key: string;
  /** Title/abstract fields (IN_TITLE | IN_ABSTRACT) where the term occurs. */
  fieldsIn(index: PaperIndex): number;
};

export type CompiledAuthor = { label: string; key: string; matches(index: PaperIndex): boolean };

const LEFT_EDGE = '(?<![\\p{L}\\p{N}])';
const RIGHT_EDGE = '(?![\\p{L}\\p{N}])';
/** Between the words of an unquoted term: spaces, hyphens (ASCII and Unicode), or nothing. */
const JOINER = '(?:[\\s\\-\\u2010\\u2011]+|)';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Acronyms keep their letters exact: `RL`, `MoE`, `FP8`, `vLLM`, `LLM`. */
export function isAcronym(word: string): boolean {
  return /\d/.test(word) || /[A-Z].*[A-Z]/.test(word) || /.[A-Z]/.test(word);
}

const unquote = (term: string) => {
  const m = /^"(.*)"$/s.exec(term.trim());
  return m ? { text: m[1]!.trim(), quoted: true } : { text: term.trim(), quoted: false };
};

function exactForms(folded: string, withPlural: boolean): string[] {
  return withPlural ? [folded, `${folded}s`] : [folded];
}

function wordTerm(label: string, raw: string, folded: string, quoted: boolean): CompiledTerm {
  if (!quoted && !isAcronym(raw) && folded.length >= MIN_INFLECTED_LENGTH) {
    const id = wordId(folded);
    return { label, kind: 'word', key: `w:${folded}`, fieldsIn: (ix) => fieldsOfAny(bitsOf(ix, id)) };
  }
  const [id, pluralId] = exactForms(folded, !quoted).map(wordId);
  return {
    label,
    kind: quoted ? 'quoted-word' : 'acronym',
    key: `${quoted ? 'q' : 'a'}:${folded}`,
    fieldsIn: (ix) => fieldsOfExact(bitsOf(ix, id!)) | (pluralId === undefined ? 0 : fieldsOfExact(bitsOf(ix, pluralId))),
  };
}

/**
 * Several words: a cheap check that every word occurs in a field (one lookup per alternative),
 * then the regular expression only on the fields that pass. `joined` is the term written as one word.
 */
function sequenceTerm(label: string, kind: TermKind, key: string, prefilterWords: string[][], pattern: string, joinedWord?: string): CompiledTerm {
  const re = new RegExp(LEFT_EDGE + pattern + RIGHT_EDGE, 'u');
  const prefilter = prefilterWords.map((alternatives) => alternatives.map(wordId));
  const joined = joinedWord === undefined ? undefined : wordId(joinedWord);
  return {
    label,
    kind,
    key,
    fieldsIn(ix) {
      let fields = IN_TITLE | IN_ABSTRACT;
      for (const alternatives of prefilter) {
        let any = 0;
        for (const id of alternatives) any |= fieldsOfAny(bitsOf(ix, id));
        fields &= any;
      }
      if (joined !== undefined) fields |= fieldsOfAny(bitsOf(ix, joined));
      if (!fields) return 0;
      return (fields & IN_TITLE && re.test(ix.title) ? IN_TITLE : 0) | (fields & IN_ABSTRACT && re.test(ix.abstract) ? IN_ABSTRACT : 0);
    },
  };
}

/** Compiles a keyword or exclude term; null when it has no word characters at all. */
export function compileTerm(term: string): CompiledTerm | null {
  const { text, quoted } = unquote(term);
  const folded = foldText(text);
  const words = splitWords(folded);
  if (!words.length) return null;
  // Case tells acronyms apart; a TeX command in a term can change the word count, then only digits/length decide.
  const rawWords = splitWords(text);
  const raw = (i: number) => (rawWords.length === words.length ? rawWords[i]! : words[i]!);
  if (words.length === 1) return wordTerm(term, raw(0), words[0]!, quoted);
  if (quoted) {
    const pattern = folded.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
    return sequenceTerm(term, 'quoted-phrase', `qp:${folded.trim().replace(/\s+/g, ' ')}`, words.map((w) => [w]), pattern);
  }
  const lastIndex = words.length - 1;
  const last = words[lastIndex]!;
  const lastIsExact = isAcronym(raw(lastIndex)) || last.length < MIN_INFLECTED_LENGTH;
  const lastForms = (lastIsExact ? exactForms(last, true) : [...wordForms(last)]).sort((a, b) => b.length - a.length);
  const pattern = [...words.slice(0, -1).map(escapeRegExp), `(?:${lastForms.map(escapeRegExp).join('|')})`].join(JOINER);
  // a plain last word's own entry covers its inflections (the words map holds bases)
  const prefilter = [...words.slice(0, -1).map((w) => [w]), lastIsExact ? lastForms : [last]];
  return sequenceTerm(term, 'words', `ws:${words.join(' ')}`, prefilter, pattern, words.join(''));
}

/** Author terms: words of a name in order, accent-insensitive (`Muller` matches `M\"uller`, `Müller`). */
export function compileAuthor(term: string): CompiledAuthor | null {
  const words = splitWords(foldText(unquote(term).text));
  if (!words.length) return null;
  const key = words.join(' ');
  const ids = words.map(wordId);
  const hasAll = (ix: PaperIndex) => ids.every((id) => (bitsOf(ix, id) & AUTHOR_EXACT) !== 0);
  if (words.length === 1) return { label: term, key, matches: hasAll };
  const re = new RegExp(LEFT_EDGE + words.map(escapeRegExp).join('[\\s.\\-\\u2010\\u2011]+') + RIGHT_EDGE, 'u');
  return {
    label: term,
    key,
    matches: (ix) => hasAll(ix) && re.test(ix.authors),
  };
}
