/**
 * A reading profile: what a feed selects and how it ranks. The same shape backs the stateless
 * `/api/feed?…` query, saved per-user profiles and the default profile from env/config.
 * Limits keep one saved profile small (well under 4 KB).
 */
import { z } from 'zod';
import { isValidCategoryOrArchive } from './taxonomy';
import { LanguageSchema } from './language-tag';
import { dedupeTerms } from './term-list';

export { LanguageSchema };
import { AnnounceTypeSchema } from './paper';
import { DIGEST_PERIODS } from './digest-period';
import { PaperIdSchema } from './paper-id';

export const MAX_CATEGORIES = 20;
export const MAX_TERMS = 50;
export const MAX_TERM_LENGTH = 100;
export const MAX_DAYS = 30;
/** Largest `limit`, and what a feed without ranking terms carries when `limit` is unset. */
export const MAX_LIMIT = 500;
/** What a ranked feed keeps when `limit` is unset. */
export const RANKED_DEFAULT_LIMIT = 50;
/** Liked papers, and disliked papers, a saved profile keeps at most (each). */
export const MAX_FEEDBACK_PAPERS = 500;

const CategorySchema = z
  .string()
  .max(32)
  .refine(isValidCategoryOrArchive, { error: (i) => `unknown arXiv category or archive: ${JSON.stringify(String(i.input).slice(0, 32))}` });

const TermListSchema = z
  .array(z.string().trim().min(1).max(MAX_TERM_LENGTH))
  .max(MAX_TERMS)
  .default([])
  .transform(dedupeTerms);

/** arXiv ids, stored without version, each once. */
const FeedbackListSchema = z
  .array(PaperIdSchema)
  .max(MAX_FEEDBACK_PAPERS)
  .transform((ids) => [...new Set(ids)])
  .optional();

export const ProfileSchema = z.strictObject({
  categories: z.array(CategorySchema).min(1).max(MAX_CATEGORIES).transform((c) => [...new Set(c)]),
  keywords: TermListSchema,
  exclude: TermListSchema,
  authors: TermListSchema,
  min_score: z.number().min(0).max(1000).default(0),
  /**
   * Most items a feed carries. Unset, a feed that ranks (keywords, authors) keeps the best
   * `RANKED_DEFAULT_LIMIT` and one that does not carries its whole window, up to `MAX_LIMIT`.
   * @default unset
   */
  limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
  types: z.array(AnnounceTypeSchema).min(1).max(4).default(['new', 'cross']).transform((t) => [...new Set(t)]),
  language: LanguageSchema.optional(),
  /** Announcement days present in the store (not calendar days); in a digest, how many periods (days or weeks). */
  days: z.number().int().min(1).max(MAX_DAYS).default(1),
  /**
   * One feed item per announcement day (`daily`) or per ISO week (`weekly`) listing that period's
   * papers, instead of one item per paper. `limit` then bounds the papers of each item.
   * @default unset (one item per paper)
   */
  digest: z.enum(DIGEST_PERIODS, { error: `must be one of ${DIGEST_PERIODS.join(', ')}` }).optional(),
  /**
   * Papers the reader asked for more of ("More like this"), as arXiv ids: they train the profile's
   * learned ranking (lib/score/learned). Saved profiles only.
   * @default unset (none)
   */
  liked: FeedbackListSchema,
  /** Papers the reader asked for less of: papers resembling them lose points. @default unset (none) */
  disliked: FeedbackListSchema,
}).refine((p) => !p.liked?.some((id) => p.disliked?.includes(id)), {
  error: (i) => {
    const p = i.input as { liked?: string[]; disliked?: string[] };
    return `a paper cannot be both liked and disliked: ${p.liked?.find((id) => p.disliked?.includes(id))}`;
  },
  path: ['disliked'],
});
export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;
