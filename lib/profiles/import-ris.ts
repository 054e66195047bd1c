/**
 * RIS records (Zotero, Mendeley, EndNote, most publishers): `TY  - ` opens a record, `ER  - `
 * closes it, every line between is `XX  - value` (a tag of two characters, two spaces, a hyphen).
 * An arXiv id is found in the DOI (`DO`), the links (`UR`, `L1`, `L2`), the notes (`N1`) or any
 * other field naming it (import-arxiv-ids.ts); a record without `ER` at the end of the file still
 * counts. https://en.wikipedia.org/wiki/RIS_(file_format)
 */
import { eprintId, firstMarkedId, shortLabel, type ImportEntry } from './import-arxiv-ids';

type RisRecord = Map<string, string[]>;

const LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;

export function parseRis(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const m = LINE.exec(raw.replace(/^\uFEFF/, '').trimEnd());
    if (!m) continue;
    const [, tag, value = ''] = m;
    if (tag === 'TY') records.push((current = new Map()));
    if (!current) continue;
    if (tag === 'ER') {
      current = null;
      continue;
    }
    current.set(tag!, [...(current.get(tag!) ?? []), value.trim()]);
  }
  return records;
}

const first = (r: RisRecord, ...tags: string[]) => tags.flatMap((t) => r.get(t) ?? [])[0];

function recordId(r: RisRecord): string | null {
  const preferred = ['DO', 'UR', 'L1', 'L2', 'N1', 'M1', 'AN'].flatMap((t) => r.get(t) ?? []);
  const marked = firstMarkedId([...preferred, ...[...r.values()].flat()]);
  // arXiv's "Accession number" and Zotero's archive location hold the bare id when the archive is arXiv.
  const archive = [...(r.get('DB') ?? []), ...(r.get('DP') ?? [])].some((v) => /arxiv/i.test(v));
  return marked ?? (archive ? eprintId(first(r, 'AN', 'M1') ?? '') : null);
}

export function risEntries(text: string): ImportEntry[] {
  return parseRis(text).map((r, i) => ({ id: recordId(r), label: shortLabel(first(r, 'TI', 'T1', 'CT', 'BT') ?? `record ${i + 1}`) }));
}
