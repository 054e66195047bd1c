import { dedupeTerms } from '../model/term-list';

/**
 * Parses a user's comma-separated term list: `llm, "kv cache", moe`. Quoted phrases keep their
 * quotes (commas inside quotes are literal) so the matcher knows to match them exactly.
 * Empty items and duplicates (case-insensitive) are dropped: a keyword counts once.
 */
export function parseTermList(input: string): string[] {
  const terms: string[] = [];
  const re = /\s*("([^"]*)"|[^,]*)\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < input.length && (m = re.exec(input))) {
    const raw = m[1] ?? '';
    const term = m[2] !== undefined ? (m[2].trim() ? `"${m[2].trim()}"` : '') : raw.trim();
    if (term) terms.push(term);
    if (m[0] === '') break;
  }
  return dedupeTerms(terms);
}
