/**
 * One paper → one summary from the LLM. Structured output first (`chat.completions.parse` with a
 * zod response format, validated against SummaryContentSchema); a provider that cannot do JSON
 * mode (400 on `response_format`, or an answer that is not the JSON asked for) gets a plain-text
 * request instead, whose text is stored and shown as is. Once a provider refused JSON mode the
 * rest of the run asks for text directly, so a text-only provider costs one extra call per run.
 */
import { APIError } from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { ZodError } from 'zod';
import type { Paper } from '../model/paper';
import { SummaryContentSchema, type SummaryContent } from '../model/summary';
import { withLlmRetry, realClock, type Clock, type RetryPolicy } from './llm-retry';
import { LLM_REQUEST_TIMEOUT_MS, type SummaryClient } from './summary-client';
import { buildSummaryMessages, estimateTokens } from './summary-prompt';

/** Completion cap per call: a structured summary is 200–500 tokens; this bounds a runaway answer. */
export const MAX_COMPLETION_TOKENS = 1200;
const RESPONSE_FORMAT = zodResponseFormat(SummaryContentSchema, 'paper_summary');

export type SummaryAnswer = { content: SummaryContent | null; text?: string; tokens: number };

/** Shared by every call of one run: whether the provider still looks able to do JSON mode. */
export type ProviderState = { jsonMode: boolean; unparsableInARow: number };

export const newProviderState = (): ProviderState => ({ jsonMode: true, unparsableInARow: 0 });

/** Two answers in a row that are not the JSON asked for: the provider ignores JSON mode. */
const UNPARSABLE_LIMIT = 2;

export type RequestSummaryOptions = {
  model: string;
  language: string;
  provider: ProviderState;
  deadlineMs: number;
  clock?: Clock;
  policy?: RetryPolicy;
  /** Called once per HTTP request sent (retries included), for the run's `calls` count. */
  onCall?: () => void;
  onRetry?: Parameters<typeof withLlmRetry>[1]['onRetry'];
};

/** The answer was not the JSON asked for (invalid JSON, wrong shape, cut off, filtered). */
const isUnparsable = (err: unknown) =>
  err instanceof SyntaxError || err instanceof ZodError || err instanceof LengthFinishReasonError || err instanceof ContentFilterFinishReasonError;

/** A 400/422 about the response format: the provider has no JSON mode (old vLLM, some proxies). */
const refusesJsonMode = (err: unknown) =>
  err instanceof APIError && (err.status === 400 || err.status === 422) && /response_format|json/i.test(err.message);

/** Any other 400/422 might be about JSON mode worded differently: worth one plain request for this paper. */
const isBadRequest = (err: unknown) => err instanceof APIError && (err.status === 400 || err.status === 422);

function requestOptions(options: RequestSummaryOptions) {
  const clock = options.clock ?? realClock;
  const left = options.deadlineMs - clock.now();
  return { timeout: Math.max(1, Math.min(LLM_REQUEST_TIMEOUT_MS, left)), maxRetries: 0 };
}

/** One LLM request under the retry policy; every attempt counts as a call. */
function callWithRetry<T>(options: RequestSummaryOptions, send: (request: ReturnType<typeof requestOptions>) => Promise<T>): Promise<T> {
  return withLlmRetry(
    () => {
      options.onCall?.();
      return send(requestOptions(options));
    },
    { deadlineMs: options.deadlineMs, clock: options.clock, policy: options.policy, onRetry: options.onRetry },
  );
}

async function requestJson(client: SummaryClient, paper: Paper, options: RequestSummaryOptions): Promise<SummaryAnswer> {
  const messages = buildSummaryMessages(paper, options.language, 'json');
  const completion = await callWithRetry(options, (request) =>
    client.chat.completions.parse(
      { model: options.model, messages, response_format: RESPONSE_FORMAT, max_tokens: MAX_COMPLETION_TOKENS },
      request,
    ),
  );
  const parsed = SummaryContentSchema.parse(completion.choices[0]?.message.parsed ?? null);
  return { content: parsed, tokens: completion.usage?.total_tokens ?? estimateTokens(messages) };
}

async function requestText(client: SummaryClient, paper: Paper, options: RequestSummaryOptions): Promise<SummaryAnswer> {
  const messages = buildSummaryMessages(paper, options.language, 'text');
  const completion = await callWithRetry(options, (request) =>
    client.chat.completions.create({ model: options.model, messages, max_tokens: MAX_COMPLETION_TOKENS, stream: false }, request),
  );
  const text = completion.choices[0]?.message.content?.trim() ?? '';
  if (!text) throw new Error(`The LLM answered with an empty text for arXiv:${paper.id}v${paper.version}.`);
  return { content: null, text, tokens: completion.usage?.total_tokens ?? estimateTokens(messages) };
}

/** Asks for a summary; transient errors are retried inside, anything else is thrown to the caller. */
export async function requestSummary(client: SummaryClient, paper: Paper, options: RequestSummaryOptions): Promise<SummaryAnswer> {
  if (!options.provider.jsonMode) return requestText(client, paper, options);
  const provider = options.provider;
  try {
    const answer = await requestJson(client, paper, options);
    provider.unparsableInARow = 0;
    return answer;
  } catch (err) {
    if (refusesJsonMode(err)) provider.jsonMode = false;
    else if (isUnparsable(err)) provider.jsonMode = ++provider.unparsableInARow < UNPARSABLE_LIMIT;
    else if (!isBadRequest(err)) throw err;
    return requestText(client, paper, options);
  }
}
