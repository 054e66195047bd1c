/**
 * Every environment variable the service reads, in one zod schema, parsed once.
 * Names are a contract with deployments and tests (see README "Configuration").
 * Empty strings count as unset (Vercel's UI and `.env` files produce them).
 */
import { z } from 'zod';
import { LanguageSchema } from './model/language-tag';

const optionalString = z.string().min(1).optional();

/**
 * What templates, tutorials and deploy forms put where a key belongs (`sk-...`, `your-key`,
 * `<key>`, `changeme`, `xxx`). None is ever a real key; taken as one, every summary request would
 * fail with 401 instead of the service saying summaries are off.
 */
const PLACEHOLDER_PATTERNS = [
  /^<.*>$/,
  /^(?:sk-(?:proj-)?)?(?:\.{2,}|…|x{3,}|\*{3,})$/i,
  /^(?:sk-)?your[-_ ]?(?:openai[-_ ]?)?(?:api[-_ ]?)?key(?:[-_ ]?here)?$/i,
  /^(?:change[-_ ]?me|replace[-_ ]?me|placeholder|todo)$/i,
];
export const isPlaceholder = (value: string) => PLACEHOLDER_PATTERNS.some((p) => p.test(value.trim()));
/** A key whose placeholder value counts as unset (getEnv lists it in `ignoredPlaceholders`). */
const optionalKey = optionalString.transform((v) => (v !== undefined && isPlaceholder(v) ? undefined : v));
const optionalUrl = z.url().optional();
const csv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** The same canonical tags as a profile's `language`: the tag is part of the summary cache scope. */
const languageTag = LanguageSchema;

/** Languages offered when SUMMARY_LANGUAGES is unset (besides SUMMARY_LANGUAGE). */
export const DEFAULT_SUMMARY_LANGUAGES = ['en', 'zh', 'de', 'fr', 'es', 'ja', 'ko', 'pt-BR', 'ru', 'it'] as const;
const MAX_SUMMARY_LANGUAGES = 50;

export const EnvSchema = z.object({
  /** Secret that Vercel Cron sends as `Authorization: Bearer …`; cron routes refuse every call while unset. */
  CRON_SECRET: optionalString,

  /**
   * LLM summaries: any OpenAI-compatible endpoint. Without a key, feeds work without summaries;
   * a placeholder (`sk-...`, `your-key`, `changeme`) counts as no key.
   */
  OPENAI_API_KEY: optionalKey,
  /** @default OpenAI's API */
  OPENAI_BASE_URL: optionalUrl,
  /** @default "gpt-4o-mini" */
  SUMMARY_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** Language of summaries, a BCP 47 tag, kept canonical (`pt-br` → `pt-BR`) like a profile's. @default "en" */
  SUMMARY_LANGUAGE: languageTag.default('en'),
  /**
   * Languages a profile or feed may ask summaries in, comma-separated (SUMMARY_LANGUAGE is always
   * one). Each language is its own summary cache scope, paid for once per paper, so the list is
   * the deployment's to choose, not any visitor's. @default SUMMARY_LANGUAGE plus DEFAULT_SUMMARY_LANGUAGES
   */
  SUMMARY_LANGUAGES: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(languageTag).min(1).max(MAX_SUMMARY_LANGUAGES))
    .optional(),
  /** Papers summarized per run at most. @default 40 */
  SUMMARY_MAX_PAPERS: z.coerce.number().int().min(0).max(10_000).default(40),
  /** Tokens (prompt + completion) spent per run at most. @default 200000 */
  SUMMARY_MAX_TOKENS: z.coerce.number().int().min(0).default(200_000),
  /**
   * LLM calls a summarize run keeps in flight at once, within its caps; a 429 is retried after its
   * Retry-After (lib/summarize/llm-retry.ts). 6 makes a 60 s run summarize over 4× the papers of
   * one call at a time against a 2 s/call model (BENCHMARKS.md, section 5: 4 in flight reach only
   * 3.9×, the wanted-list read and the retries' waits being shared), at ~180 requests a minute.
   * Lower it for a provider with a small per-minute limit, 1 for a local model serving one request
   * at a time. @default 6
   */
  SUMMARY_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(6),
  /**
   * What summaries are made from: `abstract` (title and abstract, no download) or `fulltext`
   * (arXiv's HTML rendering, else the PDF, else the abstract, and the summary says which).
   * @default "abstract"
   */
  SUMMARY_SOURCE: z.enum(['abstract', 'fulltext']).default('abstract'),
  /** A paper's HTML or PDF larger than this is not downloaded (the abstract is used). @default 20971520 (20 MB) */
  SUMMARY_FULLTEXT_MAX_BYTES: z.coerce.number().int().min(10_000).default(20 * 1024 * 1024),
  /**
   * Characters of full text sent to the model at most (≈ 4 per token in English): the sections that
   * matter are kept before related work and appendices. @default 120000 (≈ 30k tokens, fits 128k-context models)
   */
  SUMMARY_FULLTEXT_MAX_CHARS: z.coerce.number().int().min(2_000).max(2_000_000).default(120_000),

  /**
   * Embeddings for learned relevance: with a model set, each paper version is embedded once (the
   * summarize job, and a profile's liked papers when its feedback changes) and a saved profile's
   * learned points come from similarity to its liked and disliked papers. @default unset (text model only)
   */
  EMBEDDINGS_MODEL: optionalString,
  /** An OpenAI-compatible endpoint serving `/embeddings`. @default OPENAI_BASE_URL */
  EMBEDDINGS_BASE_URL: optionalUrl,
  /** Key for EMBEDDINGS_BASE_URL; a placeholder counts as unset. @default OPENAI_API_KEY */
  EMBEDDINGS_API_KEY: optionalKey,

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
  /**
   * Longest a Redis or Vercel KV call may take end to end (connect, send, reply, retries); past it
   * the request answers 503 with Retry-After instead of hanging on a server that stopped answering.
   * @default 5000
   */
  STORE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),

  /** @default "https://rss.arxiv.org/rss" — the code appends `/<cat>+<cat>…` */
  ARXIV_RSS_URL: z.url().default('https://rss.arxiv.org/rss'),
  /** @default "https://export.arxiv.org/api/query" */
  ARXIV_API_URL: z.url().default('https://export.arxiv.org/api/query'),
  /** Papers' HTML renderings (full-text summaries); the code appends `/<id>v<version>`. @default "https://arxiv.org/html" */
  ARXIV_HTML_URL: z.url().default('https://arxiv.org/html'),
  /** Papers' PDFs, when there is no HTML rendering; the code appends `/<id>v<version>`. @default "https://arxiv.org/pdf" */
  ARXIV_PDF_URL: z.url().default('https://arxiv.org/pdf'),
  /** Categories (or archives) ingested every run. @default "cs.AI,cs.CL,cs.DC,cs.LG" */
  ARXIV_CATEGORIES: csv('cs.AI,cs.CL,cs.DC,cs.LG'),
  /**
   * Minimum gap between two requests to arXiv; arXiv's terms ask for 3 s.
   * Only tests against a local stand-in should lower it. @default 3000
   */
  ARXIV_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(3000),
  /** Per-request timeout for arXiv. @default 30000 */
  ARXIV_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * Largest arXiv answer read, in bytes; a longer one is cut off and the run fails saying so (a real
   * day of every category is under 5 MB). @default 20971520 (20 MB)
   */
  ARXIV_MAX_BYTES: z.coerce.number().int().min(10_000).default(20 * 1024 * 1024),

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

  /**
   * Public origin of every absolute URL handed out (feed self links, saved profiles' URLs, OPML).
   * Unset: the request's `Host` (or, behind a trusted proxy, `X-Forwarded-Host`/`-Proto`).
   */
  PUBLIC_BASE_URL: optionalUrl,
  /**
   * How many reverse proxies in front of the server set `X-Forwarded-For`/`-Host`/`-Proto`: `1` or
   * `true` for one (nginx, Caddy, a load balancer), `2` for two in a row, `0`/`false` for none.
   * Without it those headers are anyone's to send and are ignored, except on Vercel, whose edge
   * overwrites them. @default 0
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(?:true|false|\d{1,2})$/, 'must be a number of proxies (0, 1, 2 …) or true/false')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v)))
    .optional(),
  /** Set to `1` by Vercel itself on its builds and functions (never set it by hand). */
  VERCEL: z
    .string()
    .optional()
    .transform((v) => v === '1'),
  /** Set by AWS Lambda (and hosts built on it) in every function; like VERCEL, it means serverless. */
  AWS_LAMBDA_FUNCTION_NAME: optionalString,
  /** Turn off the first-start background fetch (tests, read-only replicas). @default false */
  DISABLE_AUTO_INGEST: z
    .enum(['0', '1', 'true', 'false'])
    .default('false')
    .transform((v) => v === '1' || v === 'true'),
});

export type Env = z.infer<typeof EnvSchema> & {
  /** Variables that hold a placeholder (`sk-...`) and are read as unset, so health can say why. */
  readonly ignoredPlaceholders?: readonly string[];
};

/** The variable names a message mentions, so an HTTP answer can name them without the message's values or paths. */
const variablesIn = (message: string) => Object.keys(EnvSchema.shape).filter((name) => new RegExp(`\\b${name}\\b`).test(message));

export type EnvErrorOptions = {
  /** The variables at fault. @default those the message names */
  variables?: string[];
  /**
   * What the operator has to do, in words. Give it only when the message names variables and no
   * values or paths: the message and the fix are then shown as they are, in every HTTP answer.
   */
  fix?: string;
  /** Where the fix is explained at length. */
  docsUrl?: string;
};

export class EnvError extends Error {
  override name = 'EnvError';
  readonly variables: string[];
  readonly fix?: string;
  readonly docsUrl?: string;
  constructor(message: string, options: EnvErrorOptions = {}) {
    super(message);
    this.variables = options.variables ?? variablesIn(message);
    if (options.fix !== undefined) this.fix = options.fix;
    if (options.docsUrl !== undefined) this.docsUrl = options.docsUrl;
  }
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
    const variables = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    throw new EnvError(`Invalid environment variable(s):\n  ${lines.join('\n  ')}`, { variables });
  }
  // optionalKey is the one transform that reads a set value as unset.
  const ignoredPlaceholders = Object.keys(cleaned).filter((name) => name in parsed.data && parsed.data[name as keyof typeof parsed.data] === undefined);
  const env: Env = ignoredPlaceholders.length ? { ...parsed.data, ignoredPlaceholders } : parsed.data;
  if (source === process.env) cached = env;
  return env;
}

/** Variables the hosting platform sets itself, so `.env.example` does not list them. */
export const PLATFORM_VARIABLES = ['VERCEL', 'AWS_LAMBDA_FUNCTION_NAME'] as const;

/**
 * A function instance that may be frozen right after its response and runs many times side by
 * side: nothing may run in the background, and a local disk is neither kept nor shared.
 */
export function isServerless(env: Pick<Env, 'VERCEL' | 'AWS_LAMBDA_FUNCTION_NAME'>): boolean {
  return env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME !== undefined;
}

/**
 * Proxies whose `X-Forwarded-*` entries are believed, counted from the right: TRUST_PROXY when ≥ 1
 * (a proxy in front of Vercel too), else Vercel's own edge, else none.
 */
export function trustedProxyHops(env: Pick<Env, 'TRUST_PROXY' | 'VERCEL'>): number {
  if (env.TRUST_PROXY) return env.TRUST_PROXY;
  return env.VERCEL ? 1 : 0;
}

/** The languages summaries may be asked in: SUMMARY_LANGUAGE first, then SUMMARY_LANGUAGES (or the default list). */
export function allowedSummaryLanguages(env: Pick<Env, 'SUMMARY_LANGUAGE'> & Partial<Pick<Env, 'SUMMARY_LANGUAGES'>>): string[] {
  return [...new Set([env.SUMMARY_LANGUAGE, ...(env.SUMMARY_LANGUAGES ?? DEFAULT_SUMMARY_LANGUAGES)])];
}

/** Tests change process.env between cases; this forgets the parsed copy. */
export function resetEnvCache(): void {
  cached = undefined;
}
