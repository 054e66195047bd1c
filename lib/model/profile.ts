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

const CategorySchema = z
  .string()
  .max(32)
  .refine(isValidCategoryOrArchive, { error: (i) => `unknown arXiv category or archive: ${JSON.stringify(String(i.input).slice(0, 32))}` });

const TermListSchema = z
  .array(z.string().trim().min(1).max(MAX_TERM_LENGTH))
  .max(MAX_TERMS)
  .default([])
  .transform(dedupeTerms);

/** BCP-47-ish language tag for summaries (`en`, `zh`, `pt-BR`). */
export const LanguageSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag like en, zh or pt-BR');

export const ProfileSchema = z.strictObject({
  categories: z.array(CategorySchema).min(1).max(MAX_CATEGORIES).transform((c) => [...new Set(c)]),
  keywords: TermListSchema,
  exclude: TermListSchema,
  authors: TermListSchema,
  min_score: z.number().min(0).max(1000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
  types: z.array(AnnounceTypeSchema).min(1).max(4).default(['new', 'cross']).transform((t) => [...new Set(t)]),
  language: LanguageSchema.optional(),
  /** Announcement days present in the store (not calendar days). */
  days: z.number().int().min(1).max(MAX_DAYS).default(1),
});
export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;
