/**
 * A whole arXiv identifier as a reader or a client writes it: new style `2411.17726` (with or
 * without `v2`) or old style `hep-th/9901001`, `math.GT/0309136`
 * (https://info.arxiv.org/help/arxiv_identifier.html). Stored without the version, the way
 * papers are keyed, so a like of v1 still means the paper once v2 is announced.
 */
import { z } from 'zod';

const WHOLE_ID = /^(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;
/** Longest spelling accepted (old style with a subject class and a version), so nothing huge is echoed back. */
const MAX_ID_CHARS = 40;

/** The id without version, or null when `text` is not exactly one arXiv id. */
export function paperIdOf(text: string): string | null {
  if (text.length > MAX_ID_CHARS) return null;
  return WHOLE_ID.exec(text.trim())?.[1] ?? null;
}

export const PaperIdSchema = z
  .string()
  .refine((text) => paperIdOf(text) !== null, {
    error: (i) => `must be an arXiv id like 2411.17726 or hep-th/9901001; got ${JSON.stringify(String(i.input).slice(0, MAX_ID_CHARS))}`,
  })
  .transform((text) => paperIdOf(text)!);
