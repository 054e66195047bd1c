/**
 * The LLM client: the `openai` package against any OpenAI-compatible endpoint (OpenAI, DashScope,
 * DeepSeek, Ollama, vLLM…). Created lazily — its constructor throws without a key, and feeds must
 * work without one. The package's own retries are off: lib/summarize/llm-retry.ts retries with
 * the run's deadline in mind, which the package cannot know.
 */
import OpenAI from 'openai';
import type { Env } from '../env';

/** The slice of the client the summarizer uses (tests pass a real client pointed at a local server). */
export type SummaryClient = { chat: { completions: Pick<OpenAI['chat']['completions'], 'parse' | 'create'> } };

/** Per-request ceiling; each call also gets the time left before the run's deadline. */
export const LLM_REQUEST_TIMEOUT_MS = 60_000;

/** Null when no OPENAI_API_KEY is set: callers then skip summaries and say so once. */
export function createSummaryClient(env: Pick<Env, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>): SummaryClient | null {
  if (!env.OPENAI_API_KEY) return null;
  return new OpenAI({
    apiKey: env.OPENAI_API_KEY,
    // Undefined falls back to OpenAI's API (the package would also read OPENAI_BASE_URL itself).
    baseURL: env.OPENAI_BASE_URL,
    maxRetries: 0,
    timeout: LLM_REQUEST_TIMEOUT_MS,
  });
}
