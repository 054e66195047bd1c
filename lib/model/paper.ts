/**
 * A paper as one announcement day shows it. Papers are keyed by arXiv id without version
 * (`2411.17702`, `hep-th/0601001`); a replacement carries the new version and abstract but keeps
 * `firstAnnounced`.
 */
import { z } from 'zod';
import { ANNOUNCE_TYPES } from './announce-types';

export { ANNOUNCE_TYPES };

export const AnnounceTypeSchema = z.enum(ANNOUNCE_TYPES);
export type AnnounceType = z.infer<typeof AnnounceTypeSchema>;

/** `YYYY-MM-DD`, the arXiv announcement day (America/New_York calendar day of the mailing). */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
export type Day = z.infer<typeof DaySchema>;

export const PaperSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string()),
  /** Primary category first, as arXiv lists them. */
  categories: z.array(z.string()).min(1),
  announceType: AnnounceTypeSchema,
  /** The announcement day this record belongs to. */
  announced: DaySchema,
  /** The first day this paper was announced (kept across replacements). */
  firstAnnounced: DaySchema,
  doi: z.string().optional(),
  journalRef: z.string().optional(),
  comments: z.string().optional(),
  license: z.string().optional(),
});
export type Paper = z.infer<typeof PaperSchema>;

export const absUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const pdfUrl = (id: string, version?: number) => `https://arxiv.org/pdf/${id}${version ? `v${version}` : ''}`;
export const htmlUrl = (id: string, version?: number) => `https://arxiv.org/html/${id}${version ? `v${version}` : ''}`;
