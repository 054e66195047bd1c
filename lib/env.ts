/**
 * Every environment variable the service reads, in one zod schema, parsed once.
 * Names are a contract with deployments and tests (see README "Configuration").
 * Empty strings count as unset (Vercel's UI and `.env` files produce them).
 */
import { z } from 'zod';

const optionalString = z.string().min(1).optional();
const optionalUrl = z.url().optional();
const csv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const EnvSchema = z.object({
  /** Secret that Vercel Cron sends as `Authorization: Bearer …`; cron routes refuse every call while unset. */
  CRON_SECRET: optionalString,

  /** LLM summaries: any OpenAI-compatible endpoint. Without a key, feeds work without summaries. */
  OPENAI_API_KEY: optionalString,
  /** @default OpenAI's API */
  OPENAI_BASE_URL: optionalUrl,
  /** @default "gpt-4o-mini" */
  SUMMARY_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** @default "en" */
  SUMMARY_LANGUAGE: z.string().min(2).max(35).default('en'),
  /** Papers summarized per run at most. @default 40 */
  SUMMARY_MAX_PAPERS: z.coerce.number().int().min(0).max(10_000).default(40),
  /** Tokens (prompt + completion) spent per run at most. @default 200000 */
  SUMMARY_MAX_TOKENS: z.coerce.number().int().min(0).default(200_000),

  /** Storage: Vercel KV / Upstash REST (both names accepted), or Redis over TCP, or the embedded store. */
  KV_REST_API_URL: optionalUrl,
  KV_REST_API_TOKEN: optionalString,
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /**
   * Which store to use when the env offers several (e.g. a Redis and an Upstash integration on one
   * project). `auto` picks from the variables that are set and refuses an ambiguous mix. @default "auto"
   */
  STORE_BACKEND: z.enum(['auto', 'embedded', 'redis', 'vercel-kv']).default('auto'),
  /** Embedded store folder. @default ".data" */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Prefix for every store key, so several deployments (or test runs) can share one Redis. @default "af:" */
  STORE_PREFIX: z.string().max(64).default('af:'),

  /** @default "https://rss.arxiv.org/rss" — the code appends `/<cat>+<cat>…` */
  ARXIV_RSS_URL: z.url().default('https://rss.arxiv.org/rss'),
  /** @default "https://export.arxiv.org/api/query" */
  ARXIV_API_URL: z.url().default('https://export.arxiv.org/api/query'),
  /** Categories (or archives) ingested every run. @default "cs.AI,cs.CL,cs.DC,cs.LG" */
  ARXIV_CATEGORIES: csv('cs.AI,cs.CL,cs.DC,cs.LG'),
  /**
   * Minimum gap between two requests to arXiv; arXiv's terms ask for 3 s.
   * Only tests against a local stand-in should lower it. @default 3000
   */
  ARXIV_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(3000),
  /** Per-request timeout for arXiv. @default 30000 */
  ARXIV_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),

  /** Default profile (what `/` and `/api/feed` without parameters show). */
  DEFAULT_KEYWORDS: csv(''),
  DEFAULT_EXCLUDE: csv(''),
  DEFAULT_AUTHORS: csv(''),
  /** @default 0 */
  DEFAULT_MIN_SCORE: z.coerce.number().min(0).max(1000).default(0),
  /** @default 50 */
  DEFAULT_LIMIT: z.coerce.number().int().min(1).max(500).default(50),
  /** Optional JSON file with the default profile; env values above override it. */
  PROFILE_CONFIG: optionalString,

  /** Public origin used in feed self links when the request's own origin is not trustworthy. */
  PUBLIC_BASE_URL: optionalUrl,
  /** Turn off the first-start background fetch (tests, read-only replicas). @default false */
  DISABLE_AUTO_INGEST: z
    .enum(['0', '1', 'true', 'false'])
    .default('false')
    .transform((v) => v === '1' || v === 'true'),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

let cached: Env | undefined;

/** Parses `source` (default `process.env`) once; a bad value throws naming the variable. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (cached && source === process.env) return cached;
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment variable(s):\n  ${lines.join('\n  ')}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** Tests change process.env between cases; this forgets the parsed copy. */
export function resetEnvCache(): void {
  cached = undefined;
}
