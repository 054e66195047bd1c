/** Language tags for summaries, one canonical spelling each (profiles and SUMMARY_LANGUAGE alike). */
import { z } from 'zod';

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
