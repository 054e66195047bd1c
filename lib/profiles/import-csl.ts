/**
 * CSL JSON (Zotero's and citation.js's "CSL JSON" export, what pandoc reads): an array of items,
 * or one item. Zotero writes an arXiv preprint with `URL` (arxiv.org/abs/…), `DOI`
 * (10.48550/arXiv.…) and `number` (`arXiv:2401.01234`); any string field naming an id counts
 * (import-arxiv-ids.ts). https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html
 */
import { InputError } from '../errors';
import { firstMarkedId, shortLabel, type ImportEntry } from './import-arxiv-ids';

type CslItem = Record<string, unknown>;

const strings = (item: CslItem) => Object.values(item).filter((v): v is string => typeof v === 'string');

function itemId(item: CslItem): string | null {
  const field = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
  return firstMarkedId([field('DOI'), field('URL'), field('number'), field('note'), ...strings(item)]);
}

export function cslEntries(text: string): ImportEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InputError(`The text looks like JSON but is not: ${(err as Error).message}`, [{ path: 'text', message: 'not valid CSL JSON' }]);
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map((item, i): ImportEntry => {
    if (!item || typeof item !== 'object') return { id: null, label: `item ${i + 1}: not a CSL JSON object` };
    const title = (item as CslItem).title;
    const name = typeof title === 'string' ? title : String((item as CslItem).id ?? `item ${i + 1}`);
    return { id: itemId(item as CslItem), label: shortLabel(name) };
  });
}
