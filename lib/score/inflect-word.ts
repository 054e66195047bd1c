/**
 * Plain English inflections, deliberately shallow so a keyword never drifts into another word:
 * a word of 3+ letters also matches itself + s/es/ed/ing/er/ers, with the usual spelling
 * changes: a final e drops (`decode` → decoded, decoding, decoder), a final consonant + y becomes
 * ie (`apply` → applies, applied), a final consonant may double (`plan` → planned, planning).
 * No derivations: `efficient` does not match `efficiency`, `scalable` not `scalability`.
 *
 * The matcher indexes each paper word under the keywords it is a form of (`wordBases`), so
 * scoring one keyword is one lookup however many forms it has. `wordBases` keeps only candidates
 * whose `wordForms` contain the word, so both directions agree exactly.
 */

export const MIN_INFLECTED_LENGTH = 3;
const SUFFIXES = ['s', 'es', 'ed', 'ing', 'er', 'ers'];
const VOWELS = 'aeiou';

const isConsonant = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z' && !VOWELS.includes(c);

/** Every form `word` (folded, lower case) matches, itself included. */
export function wordForms(word: string): Set<string> {
  const forms = new Set([word]);
  if (word.length < MIN_INFLECTED_LENGTH) return forms;
  for (const suffix of SUFFIXES) forms.add(word + suffix);
  const last = word.at(-1);
  const beforeLast = word.at(-2);
  if (last === 'e') {
    const stem = word.slice(0, -1);
    for (const suffix of ['ed', 'ing', 'er', 'ers']) forms.add(stem + suffix);
  }
  if (last === 'y' && isConsonant(beforeLast)) {
    const stem = word.slice(0, -1);
    for (const suffix of ['ies', 'ied', 'ier', 'iers']) forms.add(stem + suffix);
  }
  if (isConsonant(last) && !'wxy'.includes(last!) && beforeLast !== undefined && VOWELS.includes(beforeLast)) {
    for (const suffix of ['ed', 'ing', 'er', 'ers']) forms.add(word + last + suffix);
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
  strip('er', '', 'e');
  strip('ers', '', 'e');
  strip('ies', 'y');
  strip('ied', 'y');
  strip('ier', 'y');
  strip('iers', 'y');
  return out;
}

/** The words (other than itself) whose forms include `token`; callers memoize (vocabulary.ts). */
export function wordBases(token: string): string[] {
  return candidateBases(token).filter(
    (b, i, all) => b.length >= MIN_INFLECTED_LENGTH && b !== token && all.indexOf(b) === i && wordForms(b).has(token),
  );
}
