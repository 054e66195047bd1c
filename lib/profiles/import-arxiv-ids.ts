/**
 * Where a reference manager's record names an arXiv paper, as BibTeX, RIS and CSL JSON exports
 * write it: an arXiv URL (`arxiv.org/abs/…`, `/pdf/…`, `/html/…`, export.arxiv.org), arXiv's DOI
 * (`10.48550/arXiv.2401.01234`, https://info.arxiv.org/help/doi.html), an `arXiv:` prefix, or an
 * eprint field holding the bare id. Versions are dropped: papers are liked by id.
 */
import { paperIdOf } from '../model/paper-id';

/** New style (YYMM.NNNNN) or old style (archive[.CLASS]/YYMMNNN), as in lib/arxiv/arxiv-id.ts. */
const ID = String.raw`(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?`;
const MARKED = [
  new RegExp(String.raw`arxiv\.org\/(?:abs|pdf|html|format)\/${ID}`, 'gi'),
  new RegExp(String.raw`10\.48550\/arxiv\.${ID}`, 'gi'),
  new RegExp(String.raw`\barxiv:\s*${ID}`, 'gi'),
];
const BARE = new RegExp(String.raw`(?<![\w./-])${ID}(?![\w/-]|\.\d)`, 'g');

type Found = { at: number; id: string };

function matchesOf(text: string, patterns: readonly RegExp[]): Found[] {
  // The `i` flag is for `arXiv` and the host; paperIdOf holds the id's own letters to their case.
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].flatMap((m) => {
    const id = paperIdOf(m[1]!);
    return id ? [{ at: m.index, id }] : [];
  }));
}

const inOrder = (found: Found[]) => [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.id))];

/** The ids a free-text field marks as arXiv's (URL, DOI, `arXiv:`), in order of appearance, each once. */
export const markedArxivIds = (text: string): string[] => inOrder(matchesOf(text, MARKED));

/** Ids written bare (`2401.01234`, `hep-th/9901001v2`), as in a pasted list, and marked ones, in order of appearance. */
export const anyArxivIds = (text: string): string[] => inOrder(matchesOf(text, [...MARKED, BARE]));

/** An eprint field's id: the whole value, `arXiv:` prefix allowed. */
export function eprintId(value: string): string | null {
  return paperIdOf(value.trim().replace(/^arxiv:\s*/i, ''));
}

/** One record of an export: its arXiv id if any field names one, and how the reader would recognize it. */
export type ImportEntry = { id: string | null; label: string };

/** Labels are for the "could not resolve" list: short, one line. */
export const MAX_LABEL_CHARS = 120;
export const shortLabel = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_LABEL_CHARS ? `${line.slice(0, MAX_LABEL_CHARS - 1)}…` : line;
};

/** The first id found in `fields` (tried in order), marked ids only. */
export function firstMarkedId(fields: readonly (string | undefined)[]): string | null {
  for (const field of fields) {
    const id = field === undefined ? undefined : markedArxivIds(field)[0];
    if (id) return id;
  }
  return null;
}
