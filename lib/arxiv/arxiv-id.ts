/**
 * arXiv identifiers: new style `2504.17830v1` (YYMM.NNNNN) and old style `hep-th/0601001v2`
 * (archive[.class]/YYMMNNN). Papers are keyed by the id without version.
 * https://info.arxiv.org/help/arxiv_identifier.html
 */
const ID_PATTERN = /(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?/;

export type ArxivId = { id: string; version: number };

/**
 * Finds the first arXiv id in `text` (a bare id, `oai:arXiv.org:…`, `arXiv:…` or an abs/pdf URL).
 * A missing version counts as 1 (the API and RSS always carry one; links do not).
 */
export function findArxivId(text: string | undefined): ArxivId | null {
  const m = text?.match(ID_PATTERN);
  if (!m) return null;
  return { id: m[1]!, version: m[2] ? Number(m[2]) : 1 };
}
