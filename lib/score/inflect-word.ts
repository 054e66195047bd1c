/**
 * Plain English inflections, deliberately shallow so a keyword never drifts into another word:
 * a word of 3+ letters also matches its plural or third person (s, es after s/x/z/ch/sh or a
 * consonant + o), its past (ed) and its -ing form, with the usual spelling changes: a final e
 * drops (`decode` → decoded, decoding), a final consonant + y becomes ie (`apply` → applies,
 * applied), a final consonant may double (`plan` → planned, planning; `model` → modelled).
 * Agent nouns and comparatives (-er, -ers, -est) are other words: `transform` does not match
 * `transformers`, `late` not `later`, `use` not `users`, `bit` not `bitter`; a user who wants
 * them writes them (`transformer` matches `transformers`). No derivations either: `efficient`
 * does not match `efficiency`, `scalable` not `scalability`.
 *
 * The matcher indexes each paper word under the keywords it is a form of (`wordBases`), so
 * scoring one keyword is one lookup however many forms it has. `wordBases` keeps only candidates
 * whose `wordForms` contain the word, so both directions agree exactly.
 */

export const MIN_INFLECTED_LENGTH = 3;
const VOWELS = 'aeiou';
/** Endings whose plural takes -es (`batches`, `indexes`, `echoes`); elsewhere -es would make other words (`not` → notes). */
const TAKES_ES = /(?:[sxz]|ch|sh|[^aeiou]o)$/;

const isConsonant = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z' && !VOWELS.includes(c);

/** Every form `word` (folded, lower case) matches, itself included. */
export function wordForms(word: string): Set<string> {
  const forms = new Set([word]);
  if (word.length < MIN_INFLECTED_LENGTH) return forms;
  const last = word.at(-1)!;
  const beforeLast = word.at(-2);
  const add = (...suffixed: string[]) => suffixed.forEach((f) => forms.add(f));
  if (last === 'y' && isConsonant(beforeLast)) {
    const stem = word.slice(0, -1);
    add(`${stem}ies`, `${stem}ied`, `${word}ing`);
    return forms;
  }
  add(`${word}s`);
  if (TAKES_ES.test(word)) add(`${word}es`);
  if (last === 'e') {
    const stem = word.slice(0, -1);
    add(`${stem}ed`, `${stem}ing`);
    // agree → agreeing, dye → dyeing, hoe → hoeing keep their e
    if ('eoy'.includes(beforeLast ?? '')) add(`${word}ing`);
    return forms;
  }
  add(`${word}ed`, `${word}ing`);
  if (isConsonant(last) && !'wxy'.includes(last) && beforeLast !== undefined && VOWELS.includes(beforeLast)) {
    add(`${word}${last}ed`, `${word}${last}ing`);
  }
  return forms;
}

/** Candidate words that `token` may be a form of (before the exactness check). */
function candidateBases(token: string): string[] {
  const out: string[] = [];
  const strip = (suffix: string, ...restore: string[]) => {
    if (!token.endsWith(suffix)) return;
    const stem = token.slice(0, -suffix.length);
    for (const r of restore) out.push(stem + r);
    // a doubled final consonant: planned → plan
    if (stem.length >= 2 && stem.at(-1) === stem.at(-2)) out.push(stem.slice(0, -1));
  };
  strip('s', '');
  strip('es', '');
  strip('ed', '', 'e');
  strip('ing', '', 'e');
  strip('ies', 'y');
  strip('ied', 'y');
  return out;
}

/** The words (other than itself) whose forms include `token`; callers memoize (vocabulary.ts). */
export function wordBases(token: string): string[] {
  return candidateBases(token).filter(
    (b, i, all) => b.length >= MIN_INFLECTED_LENGTH && b !== token && all.indexOf(b) === i && wordForms(b).has(token),
  );
}
