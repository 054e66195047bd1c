/** Term lists (keywords, exclude, authors) count each term once, whatever its case. */
export function dedupeTerms(terms: string[]): string[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
