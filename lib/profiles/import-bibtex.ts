/**
 * A BibTeX field reader, just enough to find arXiv ids: `@type{key, name = {value} | "value" |
 * word, …}` with nested braces, `#` concatenation and `@string` macros left unexpanded, `@comment`
 * and `@preamble` skipped, `(`…`)` delimiters accepted. An entry that does not parse is skipped up
 * to the next `@` and counted under its key. What BibLaTeX, Zotero (Better BibTeX), Google Scholar
 * and arXiv's own "Export BibTeX" write resolves through `eprint` (+ `archivePrefix`/`eprinttype`),
 * `doi`, `url` and notes (import-arxiv-ids.ts).
 */
import { eprintId, firstMarkedId, shortLabel, type ImportEntry } from './import-arxiv-ids';

export type BibEntry = { type: string; key: string; fields: Record<string, string> };

const SKIPPED_TYPES = new Set(['comment', 'preamble', 'string']);

class Cursor {
  at = 0;
  constructor(readonly text: string) {}
  skipSpace() {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }
  peek() {
    return this.text[this.at];
  }
  word(): string {
    const m = /^[^\s{}(),=#"@]+/.exec(this.text.slice(this.at, this.at + 200));
    this.at += m?.[0].length ?? 0;
    return m?.[0] ?? '';
  }
}

/** A `{…}` group from its opening brace, nested braces kept in the text; null when unclosed. */
function braced(c: Cursor): string | null {
  let depth = 0;
  const start = c.at;
  for (; c.at < c.text.length; c.at++) {
    const ch = c.text[c.at];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return c.text.slice(start + 1, c.at++);
  }
  return null;
}

/** `"…"`, where braces may hide a quote. */
function quoted(c: Cursor): string | null {
  let depth = 0;
  const start = ++c.at;
  for (; c.at < c.text.length; c.at++) {
    const ch = c.text[c.at];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '"' && depth <= 0) return c.text.slice(start, c.at++);
  }
  return null;
}

/** One value, `#` parts joined; null on a malformed one. */
function value(c: Cursor): string | null {
  const parts: string[] = [];
  for (;;) {
    c.skipSpace();
    const part = c.peek() === '{' ? braced(c) : c.peek() === '"' ? quoted(c) : c.word() || null;
    if (part === null) return null;
    parts.push(part);
    c.skipSpace();
    if (c.peek() !== '#') return parts.join('');
    c.at++;
  }
}

/** The fields after the key, up to the closing delimiter; null when the entry is malformed. */
function fields(c: Cursor, close: string): Record<string, string> | null {
  const found: Record<string, string> = {};
  for (;;) {
    c.skipSpace();
    if (c.peek() === ',') c.at++;
    c.skipSpace();
    if (c.peek() === close) {
      c.at++;
      return found;
    }
    const name = c.word().toLowerCase();
    c.skipSpace();
    if (!name || c.peek() !== '=') return null;
    c.at++;
    const v = value(c);
    if (v === null) return null;
    found[name] = v;
  }
}

/** Every entry, in order; `skipped` counts the ones that did not parse (by key, or position). */
export function parseBibtex(text: string): { entries: BibEntry[]; skipped: string[] } {
  const c = new Cursor(text);
  const entries: BibEntry[] = [];
  const skipped: string[] = [];
  for (let next = text.indexOf('@'); next >= 0; next = text.indexOf('@', Math.max(c.at, next + 1))) {
    c.at = next + 1;
    const type = c.word().toLowerCase();
    c.skipSpace();
    const open = c.peek();
    if (!type || (open !== '{' && open !== '(')) continue;
    if (SKIPPED_TYPES.has(type)) {
      if (open === '{') braced(c);
      continue;
    }
    c.at++;
    c.skipSpace();
    const key = c.word();
    const parsed = fields(c, open === '{' ? '}' : ')');
    if (parsed) entries.push({ type, key, fields: parsed });
    else skipped.push(key || `entry ${entries.length + skipped.length + 1}`);
  }
  return { entries, skipped };
}

/** Braces, accents and command backslashes out of a title, for the label (`The {\TeX}book` → `The TeXbook`). */
const plain = (s: string | undefined) =>
  (s ?? '')
    .replace(/[{}]/g, '')
    .replace(/\\["'`^~=.]/g, '')
    .replace(/\\([A-Za-z]+)/g, '$1');

function entryId(fields: Record<string, string>): string | null {
  const prefix = (fields.archiveprefix ?? fields.eprinttype ?? '').toLowerCase();
  const eprint = fields.eprint && (prefix === '' || prefix === 'arxiv') ? eprintId(fields.eprint) : null;
  return eprint ?? firstMarkedId([fields.doi, fields.url, fields.note, fields.howpublished, fields.journal, ...Object.values(fields)]);
}

export function bibtexEntries(text: string): ImportEntry[] {
  const { entries, skipped } = parseBibtex(text);
  return [
    ...entries.map((e): ImportEntry => ({ id: entryId(e.fields), label: shortLabel(`${e.key}: ${plain(e.fields.title) || e.type}`) })),
    ...skipped.map((key): ImportEntry => ({ id: null, label: shortLabel(`${key}: not readable as BibTeX`) })),
  ];
}
