/**
 * The default reading profile: what `/` and `/api/feed` without `cats` show.
 * Sources, weakest first: the shipped seed configuration (config/default-profile.json, imported so
 * it is bundled into serverless functions), or the JSON file named by PROFILE_CONFIG instead; then
 * every env variable that is actually set (ARXIV_CATEGORIES, DEFAULT_KEYWORDS, DEFAULT_EXCLUDE,
 * DEFAULT_AUTHORS, DEFAULT_MIN_SCORE, DEFAULT_LIMIT) overrides the file's value.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import seed from '../../config/default-profile.json';
import { EnvError, type Env } from '../env';
import { ProfileSchema, type Profile, type ProfileInput } from '../model/profile';

/** The file's shape: any subset of a profile; values are validated by ProfileSchema after merging. */
const ProfileFileSchema = z.strictObject({
  comment: z.string().optional(),
  categories: z.array(z.string()).optional(),
  keywords: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  authors: z.array(z.string()).optional(),
  min_score: z.number().optional(),
  limit: z.number().optional(),
  types: z.array(z.string()).optional(),
  language: z.string().optional(),
  days: z.number().optional(),
});
type ProfileFile = z.infer<typeof ProfileFileSchema>;

const issuesText = (err: z.ZodError) => err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

function readProfileFile(file: string): unknown {
  const resolved = path.resolve(file);
  try {
    return JSON.parse(readFileSync(resolved, 'utf8'));
  } catch (err) {
    throw new EnvError(`PROFILE_CONFIG: cannot read ${resolved} as JSON: ${(err as Error).message}`);
  }
}

function parseProfileFile(raw: unknown, origin: string): ProfileFile {
  const parsed = ProfileFileSchema.safeParse(raw);
  if (!parsed.success) throw new EnvError(`PROFILE_CONFIG (${origin}): ${issuesText(parsed.error)}`);
  return parsed.data;
}

/** Env values that were really set (getEnv fills defaults, which must not override the file). */
function envOverrides(env: Env, source: Record<string, string | undefined>): Partial<ProfileInput> {
  const isSet = (name: string) => (source[name] ?? '') !== '';
  const out: Partial<ProfileInput> = {};
  if (isSet('ARXIV_CATEGORIES')) out.categories = env.ARXIV_CATEGORIES;
  if (isSet('DEFAULT_KEYWORDS')) out.keywords = env.DEFAULT_KEYWORDS;
  if (isSet('DEFAULT_EXCLUDE')) out.exclude = env.DEFAULT_EXCLUDE;
  if (isSet('DEFAULT_AUTHORS')) out.authors = env.DEFAULT_AUTHORS;
  if (isSet('DEFAULT_MIN_SCORE')) out.min_score = env.DEFAULT_MIN_SCORE;
  if (isSet('DEFAULT_LIMIT')) out.limit = env.DEFAULT_LIMIT;
  return out;
}

/** Builds the default profile; a bad file or value throws an EnvError naming it. */
export function buildDefaultProfile(env: Env, source: Record<string, string | undefined> = process.env): Profile {
  const file = env.PROFILE_CONFIG
    ? parseProfileFile(readProfileFile(env.PROFILE_CONFIG), env.PROFILE_CONFIG)
    : parseProfileFile(seed, 'config/default-profile.json');
  const { comment: _comment, ...fromFile } = file;
  const merged = { categories: env.ARXIV_CATEGORIES, ...fromFile, ...envOverrides(env, source) };
  const parsed = ProfileSchema.safeParse(merged);
  if (!parsed.success) throw new EnvError(`Default profile (PROFILE_CONFIG / DEFAULT_* env): ${issuesText(parsed.error)}`);
  return parsed.data;
}

const cache = new WeakMap<Env, Profile>();

/** The default profile of a parsed env, built once per env object (getEnv caches one per process). */
export function getDefaultProfile(env: Env): Profile {
  let profile = cache.get(env);
  if (!profile) {
    profile = buildDefaultProfile(env);
    cache.set(env, profile);
  }
  return profile;
}
