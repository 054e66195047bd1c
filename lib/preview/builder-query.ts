/**
 * The builder form's fields are `/api/feed`'s parameters. This turns the form's entries into the
 * compact query the page URL carries: empty fields dropped, checkbox lists joined with commas,
 * and values equal to the profile defaults left out (once `cats` is given, unset fields take
 * ProfileSchema's defaults, so leaving them out changes nothing). Used by the client component
 * and tested here; pure, no DOM.
 */
const LIST_FIELDS = new Set(['cats', 'types']);
/** Term lists are typed in a textarea: a line break separates terms like a comma. */
const TERM_FIELDS = new Set(['q', 'exclude', 'authors']);
const DEFAULTS: Record<string, string> = { min_score: '0', days: '1', limit: '50', types: 'new,cross' };
const ORDER = ['profile', 'cats', 'q', 'exclude', 'authors', 'types', 'min_score', 'days', 'limit', 'language', 'digest'];

export function builderQuery(entries: Iterable<[string, string]>): URLSearchParams {
  const values = new Map<string, string[]>();
  for (const [name, raw] of entries) {
    const value = TERM_FIELDS.has(name) ? raw.trim().replace(/\s*\n\s*/g, ', ').replace(/,\s*,/g, ',') : raw.trim();
    if (!ORDER.includes(name) || !value) continue;
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const out = new URLSearchParams();
  const hasCats = values.has('cats');
  for (const name of ORDER) {
    const list = values.get(name);
    if (!list) continue;
    const value = LIST_FIELDS.has(name) ? list.join(',') : list[0]!;
    if (hasCats && DEFAULTS[name] === value) continue;
    out.set(name, value);
  }
  return out;
}
