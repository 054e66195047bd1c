/**
 * What an import's text is, and its records: CSL JSON (starts with `[` or `{`), RIS (a `TY  - `
 * line), BibTeX (an `@type{` entry), else a list of arXiv ids and URLs, any number per line (a
 * line naming none is one record that could not be resolved).
 */
import { anyArxivIds, shortLabel, type ImportEntry } from './import-arxiv-ids';
import { bibtexEntries } from './import-bibtex';
import { cslEntries } from './import-csl';
import { risEntries } from './import-ris';

export type ImportFormat = 'csl-json' | 'ris' | 'bibtex' | 'list';

export function detectFormat(text: string): ImportFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  if (/^TY {2}-/m.test(text)) return 'ris';
  if (/^\s*@[a-zA-Z]+\s*[{(]/m.test(text)) return 'bibtex';
  return 'list';
}

function listEntries(text: string): ImportEntry[] {
  return text.split(/\r?\n/).flatMap((line): ImportEntry[] => {
    if (!line.trim()) return [];
    const ids = anyArxivIds(line);
    return ids.length ? ids.map((id) => ({ id, label: id })) : [{ id: null, label: shortLabel(line) }];
  });
}

export function readImportEntries(text: string): { format: ImportFormat; entries: ImportEntry[] } {
  const format = detectFormat(text);
  const read = { 'csl-json': cslEntries, ris: risEntries, bibtex: bibtexEntries, list: listEntries }[format];
  return { format, entries: read(text) };
}
