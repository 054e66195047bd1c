/**
 * The embeddings client: the `openai` package's `embeddings.create` against any OpenAI-compatible
 * endpoint (EMBEDDINGS_BASE_URL, else OPENAI_BASE_URL). Null unless EMBEDDINGS_MODEL and a key are
 * set: learned relevance then uses its text model alone. Vectors are asked for as floats
 * (`encoding_format: "float"`): the package would otherwise ask for base64, which not every
 * compatible server (older Ollama and vLLM) speaks.
 */
import OpenAI from 'openai';
import type { Env } from '../env';
import type { Paper } from '../model/paper';
import { withLlmRetry, type Clock, type RetryPolicy } from './llm-retry';
import { providerHost } from './summary-scope';

/** Inputs per request: OpenAI takes up to 2,048, local servers far fewer in one go. */
export const EMBEDDING_BATCH = 64;
/** Per-request ceiling; each call also gets the time left before the caller's deadline. */
export const EMBEDDING_REQUEST_TIMEOUT_MS = 30_000;
/** Characters of title + abstract sent (arXiv abstracts stay under 2,000; far under 8k tokens). */
export const MAX_EMBEDDED_CHARS = 6_000;

export type EmbeddingClient = { embeddings: Pick<OpenAI['embeddings'], 'create'> };
export type EmbeddingEnv = Pick<Env, 'EMBEDDINGS_MODEL' | 'EMBEDDINGS_BASE_URL' | 'EMBEDDINGS_API_KEY' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>;

export type Embedder = {
  /** Where vectors are cached: one per paper version and (provider host, model). */
  scope: string;
  /** One request (retried on 429/5xx within `deadlineMs`): a vector per text, in order. */
  embed(texts: readonly string[], deadlineMs: number): Promise<number[][]>;
};

export class EmbeddingResponseError extends Error {
  override name = 'EmbeddingResponseError';
}

/** What a paper is embedded from: its title and abstract, as the text model reads it. */
export const embeddingText = (paper: Pick<Paper, 'title' | 'abstract'>) => `${paper.title}\n\n${paper.abstract}`.slice(0, MAX_EMBEDDED_CHARS);

export function embeddingScope(env: Pick<EmbeddingEnv, 'EMBEDDINGS_MODEL' | 'EMBEDDINGS_BASE_URL' | 'OPENAI_BASE_URL'>): string | null {
  if (!env.EMBEDDINGS_MODEL) return null;
  return `${providerHost(env.EMBEDDINGS_BASE_URL ?? env.OPENAI_BASE_URL)}:${env.EMBEDDINGS_MODEL}`;
}

/** The vectors in input order, checked: one per input, all of one length. */
function vectorsOf(data: { index: number; embedding: number[] }[], expected: number): number[][] {
  const sorted = [...data].sort((a, b) => a.index - b.index);
  const length = sorted[0]?.embedding.length ?? 0;
  if (sorted.length !== expected || !length || sorted.some((d, i) => d.index !== i || d.embedding.length !== length))
    throw new EmbeddingResponseError(`the embeddings endpoint answered ${sorted.length} vector(s) for ${expected} input(s), or vectors of unequal length`);
  return sorted.map((d) => d.embedding);
}

export type EmbedderOptions = { client?: EmbeddingClient; policy?: RetryPolicy; clock?: Clock };

export function createEmbedder(env: EmbeddingEnv, options: EmbedderOptions = {}): Embedder | null {
  const scope = embeddingScope(env);
  const apiKey = env.EMBEDDINGS_API_KEY ?? env.OPENAI_API_KEY;
  if (!scope || !env.EMBEDDINGS_MODEL || (!apiKey && !options.client)) return null;
  const model = env.EMBEDDINGS_MODEL;
  const client =
    options.client ??
    new OpenAI({ apiKey, baseURL: env.EMBEDDINGS_BASE_URL ?? env.OPENAI_BASE_URL, maxRetries: 0, timeout: EMBEDDING_REQUEST_TIMEOUT_MS });
  const clock = options.clock;
  return {
    scope,
    async embed(texts, deadlineMs) {
      if (!texts.length) return [];
      const call = () => {
        // The client takes whole milliseconds only.
        const timeout = Math.floor(Math.min(EMBEDDING_REQUEST_TIMEOUT_MS, deadlineMs - (clock ?? Date).now()));
        if (timeout <= 0) throw new EmbeddingResponseError('deadline reached before the embeddings request');
        return client.embeddings.create({ model, input: [...texts], encoding_format: 'float' }, { timeout });
      };
      const answer = await withLlmRetry(call, { deadlineMs, policy: options.policy, clock });
      return vectorsOf(answer.data, texts.length);
    },
  };
}
