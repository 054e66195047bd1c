/**
 * The cache scope of a summary: one stored summary per (paper id + version, language, provider,
 * model, prompt version). The provider is the host of `OPENAI_BASE_URL`: a model name means
 * nothing across providers (`llama-3-8b` on two hosts is two models, quantized differently), so
 * switching providers summarizes again rather than serving the other provider's text. The
 * language comes canonical from its schema (`pt-BR`, never `pt-br`). Bump PROMPT_VERSION
 * whenever the prompt changes so new summaries are made.
 * With SUMMARY_SOURCE=fulltext the scope says so (and carries the full-text prompt's version): a
 * summary made from the abstract never stands in for a full-text one by accident, and switching
 * back to `abstract` finds the old abstract summaries where they were.
 */
import type { Env } from '../env';

export const PROMPT_VERSION = 'p1';
/** Where the `openai` client sends requests when `OPENAI_BASE_URL` is unset. */
export const DEFAULT_PROVIDER_HOST = 'api.openai.com';

/** The full-text prompt's version; bump it with the full-text wording in summary-prompt.ts. */
export const FULLTEXT_PROMPT_VERSION = 'f1';

/** SUMMARY_SOURCE unset (an env built by hand) means `abstract`, the default. */
export type ScopeEnv = Pick<Env, 'SUMMARY_MODEL' | 'OPENAI_BASE_URL'> & Partial<Pick<Env, 'SUMMARY_SOURCE'>>;

export const providerHost = (baseUrl: string | undefined) => (baseUrl === undefined ? DEFAULT_PROVIDER_HOST : new URL(baseUrl).host);

/** `abstract` scopes keep their pre-full-text spelling, so summaries stored before stay found. */
const promptPart = (env: ScopeEnv) => (env.SUMMARY_SOURCE === 'fulltext' ? `fulltext-${FULLTEXT_PROMPT_VERSION}` : PROMPT_VERSION);

export const summaryScope = (language: string, env: ScopeEnv) =>
  `${language}:${providerHost(env.OPENAI_BASE_URL)}:${env.SUMMARY_MODEL}:${promptPart(env)}`;
