/**
 * The `/api/feed` query string, parsed by one zod schema into a Profile and an output format
 * (a feed format, or `md` for the Markdown page).
 * - unknown parameters are ignored (only the names below are ever read, so `__proto__` & co. are inert);
 * - list parameters (`cats`, `q`, `exclude`, `authors`, `types`) may repeat and are merged;
 * - scalar parameters (`min_score`, `days`, `limit`, `format`, `language`, `digest`) given twice are a 400;
 * - empty values count as absent (HTML forms send empty fields);
 * - without `cats` the default profile is the base and any given parameter overrides it;
 *   with `cats` the query is a profile of its own (unset fields take ProfileSchema's defaults).
 * Issue paths use the parameter names (`cats.0`, `days`) so a 400 names what the user typed.
 */
import { z } from 'zod';
import { ARCHIVES, CATEGORIES } from '../model/taxonomy';
import { InputError, zodToInputError } from '../errors';
import { ProfileSchema, type Profile } from '../model/profile';
import { parseTermList } from '../score/parse-terms';
import type { OutputFormat } from './feed-format';
import { OutputFormatSchema } from './feed-format-schema';

/** Longest accepted query string (characters after `?`); longer ones are refused, not truncated. */
export const MAX_QUERY_CHARS = 4096;

const LIST_PARAMS = ['cats', 'q', 'exclude', 'authors', 'types'] as const;
const SCALAR_PARAMS = ['min_score', 'days', 'limit', 'format', 'language', 'digest'] as const;
export const FEED_QUERY_PARAMS = [...LIST_PARAMS, ...SCALAR_PARAMS] as const;

/** The profile's own field rules (defaults unwrapped: here a parameter is either given or absent). */
const shape = ProfileSchema.shape;

/** arXiv ids are case-sensitive (`cs.LG`), but `cs.lg` is an obvious typo worth accepting. */
const CANONICAL_IDS = new Map([...CATEGORIES.map((c) => c.id), ...ARCHIVES].map((id) => [id.toLowerCase(), id]));
const canonicalCategory = (id: string) => CANONICAL_IDS.get(id.toLowerCase()) ?? id;

const splitCommas = (values: string[]) =>
  values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);

const once = z.array(z.string()).max(1, { error: 'must be given only once' }).transform((v) => v[0]!);

const wholeNumber = once.pipe(z.string().regex(/^\d{1,6}$/, 'must be a whole number')).transform(Number);
const decimalNumber = once
  .pipe(z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'must be a number ≥ 0, like 2 or 2.5'))
  .transform(Number);
const termList = z.array(z.string()).transform((values) => values.flatMap(parseTermList));

/** Every parameter as read from the URL, each checked like the profile field it sets. */
const FeedParamsSchema = z.object({
  cats: z
    .array(z.string())
    .transform((v) => splitCommas(v).map(canonicalCategory))
    .pipe(shape.categories)
    .optional(),
  q: termList.pipe(shape.keywords.in.unwrap()).optional(),
  exclude: termList.pipe(shape.exclude.in.unwrap()).optional(),
  authors: termList.pipe(shape.authors.in.unwrap()).optional(),
  types: z
    .array(z.string())
    .transform((v) => splitCommas(v).map((t) => t.toLowerCase()))
    .pipe(shape.types.in.unwrap())
    .optional(),
  min_score: decimalNumber.pipe(shape.min_score.unwrap()).optional(),
  days: wholeNumber.pipe(shape.days.unwrap()).optional(),
  limit: wholeNumber.pipe(shape.limit.unwrap()).optional(),
  format: once.pipe(OutputFormatSchema).optional(),
  language: once.pipe(shape.language.unwrap()).optional(),
  digest: once.pipe(shape.digest.unwrap()).optional(),
});

export const FeedQuerySchema = FeedParamsSchema.transform(({ format, cats, q, exclude, authors, types, min_score, days, limit, language, digest }) => ({
  format: format ?? ('rss' as OutputFormat),
  /** Profile fields the query set explicitly. */
  overrides: dropUndefined({ categories: cats, keywords: q, exclude, authors, types, min_score, days, limit, language, digest }),
}));

/**
 * The parameters a saved profile's feed (`/api/feed/<token>`) reads, checked exactly as
 * `/api/feed` checks them (`format` once, `cats` merged and canonical: `cs.lg` is `cs.LG`).
 */
const SharedFeedParamsSchema = FeedParamsSchema.pick({ format: true, cats: true });

function dropUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Known parameters only, as lists of non-empty values, on a prototype-less object; an overlong query is a 400. */
function collectParams(url: URL): Record<string, string[]> {
  if (url.search.length > MAX_QUERY_CHARS + 1)
    throw new InputError(`Query string too long: ${url.search.length - 1} characters (at most ${MAX_QUERY_CHARS})`, [
      { path: '(query)', message: `at most ${MAX_QUERY_CHARS} characters` },
    ]);
  const raw: Record<string, string[]> = Object.create(null);
  for (const name of FEED_QUERY_PARAMS) {
    const values = url.searchParams.getAll(name).filter((v) => v.trim() !== '');
    if (values.length) raw[name] = values;
  }
  return raw;
}

export type FeedQuery = { profile: Profile; format: OutputFormat };

export type FeedQueryOptions = {
  /** Languages the deployment summarizes in (allowedSummaryLanguages); another `language` is a 400. Unset: any tag. */
  languages?: readonly string[];
};

/** A `language` the deployment does not summarize in, as the 400 naming the field. */
export function assertLanguageOffered(language: string | undefined, languages: readonly string[] | undefined, path = 'language'): void {
  if (language === undefined || !languages || languages.includes(language)) return;
  const message = `summaries are not offered in ${JSON.stringify(language)} here; one of ${languages.join(', ')}`;
  throw new InputError(`Invalid ${path}: ${message}`, [{ path, message }]);
}

/** Parses a feed URL's query; throws InputError (→ 400 naming the parameter) on bad input. */
export function parseFeedQuery(url: URL, defaults: Profile, options: FeedQueryOptions = {}): FeedQuery {
  const parsed = FeedQuerySchema.safeParse(collectParams(url));
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid feed query');
  const { format, overrides } = parsed.data;
  assertLanguageOffered(overrides.language, options.languages);
  const base = overrides.categories ? {} : defaults;
  const profile = ProfileSchema.safeParse({ ...base, ...overrides });
  if (!profile.success) throw zodToInputError(profile.error, 'Invalid feed query');
  return { profile: profile.data, format };
}

/** `format` and `cats` of a saved feed's URL, by the same rules; other parameters are not read. */
export function parseSharedFeedParams(url: URL): { format: OutputFormat; cats?: string[] } {
  const parsed = SharedFeedParamsSchema.safeParse(collectParams(url));
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid feed query');
  return { format: parsed.data.format ?? 'rss', ...(parsed.data.cats ? { cats: parsed.data.cats } : {}) };
}
