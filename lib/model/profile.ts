/**
 * A reading profile: what a feed selects and how it ranks. The same shape backs the stateless
 * `/api/feed?…` query, saved per-user profiles and the default profile from env/config.
 * Limits keep one saved profile small (well under 4 KB).
 */
import { z } from 'zod';
import { isValidCategoryOrArchive } from './taxonomy';
import { dedupeTerms } from './term-list';
import { AnnounceTypeSchema } from './paper';

export const MAX_CATEGORIES = 20;
export const MAX_TERMS = 50;
export const MAX_TERM_LENGTH = 100;
export const MAX_DAYS = 30;
/** Largest `limit`, and what a feed without ranking terms carries when `limit` is unset. */
export const MAX_LIMIT = 500;
/** What a ranked feed keeps when `limit` is unset. */
export const RANKED_DEFAULT_LIMIT = 50;

const CategorySchema = z
  .string()
  .max(32)
  .refine(isValidCategoryOrArchive, { error: (i) => `unknown arXiv category or archive: ${JSON.stringify(String(i.input).slice(0, 32))}` });

const TermListSchema = z
  .array(z.string().trim().min(1).max(MAX_TERM_LENGTH))
  .max(MAX_TERMS)
  .default([])
  .transform(dedupeTerms);

/** A BCP 47 tag whose language is an ISO 639 code (`en`, `pt-BR`, `zh-Hant-TW`), before Intl checks the rest. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const MAX_LANGUAGE_TAG_CHARS = 35;

/** The canonical spelling (`pt-br` → `pt-BR`, `EN` → `en`, `iw` → `he`), or null when it is no language tag. */
function canonicalLanguageTag(tag: string): string | null {
  if (tag.length > MAX_LANGUAGE_TAG_CHARS || !LANGUAGE_TAG.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Language of summaries, stored canonical: the tag is part of a summary's cache scope, so
 * `pt-br` and `pt-BR` must be one language to be summarized (and paid for) once.
 */
export const LanguageSchema = z
  .string()
  .refine((tag) => canonicalLanguageTag(tag) !== null, {
    error: (i) => `must be a language tag like en, zh or pt-BR; got ${JSON.stringify(String(i.input).slice(0, 40))}`,
  })
  .transform((tag) => canonicalLanguageTag(tag)!);

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
  /** Announcement days present in the store (not calendar days). */
  days: z.number().int().min(1).max(MAX_DAYS).default(1),
});
export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;
