/**
 * One paper → one summary from the LLM. Structured output first (`chat.completions.parse` with a
 * zod response format, validated against SummaryContentSchema); a provider that cannot do JSON
 * mode (400 on `response_format`, or an answer that is not the JSON asked for) gets a plain-text
 * request instead, whose text is stored and shown as is. Once a provider refused JSON mode the
 * rest of the run asks for text directly, so a text-only provider costs one extra call per run.
 * A full-text request sends the strict full-text schema but accepts an answer that has at least
 * the abstract fields (providers whose JSON mode is not strict drop fields now and then).
 */
import { APIError } from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { ZodError } from 'zod';
import type { Paper } from '../model/paper';
import { FullTextContentSchema, StoredContentSchema, SummaryContentSchema, type StoredContent } from '../model/summary';
import type { FullTextBody } from './fulltext/load-full-text';
import { withLlmRetry, realClock, type Clock, type RetryPolicy } from './llm-retry';
import { LLM_REQUEST_TIMEOUT_MS, type SummaryClient } from './summary-client';
import { buildSummaryMessages, estimateTokens, messageChars } from './summary-prompt';

/** Completion cap per call: a structured summary is 200–500 tokens; this bounds a runaway answer. */
export const MAX_COMPLETION_TOKENS = 1200;
/** A full-text summary has twice the sections, and CJK answers run to more tokens. */
export const FULLTEXT_MAX_COMPLETION_TOKENS = 3000;
/** A ~30k-token prompt and a long answer take longer than an abstract summary (still bounded by the deadline). */
export const FULLTEXT_REQUEST_TIMEOUT_MS = 150_000;
const RESPONSE_FORMAT = zodResponseFormat(SummaryContentSchema, 'paper_summary');
const FULLTEXT_RESPONSE_FORMAT = zodResponseFormat(FullTextContentSchema, 'paper_fulltext_summary');

/** `promptChars`: characters of the messages of the answered request. */
export type SummaryAnswer = { content: StoredContent | null; text?: string; tokens: number; promptChars: number };

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
  /** The paper's full text: the full-text prompt instead of the abstract one. */
  body?: FullTextBody | null;
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
  const ceiling = options.body ? FULLTEXT_REQUEST_TIMEOUT_MS : LLM_REQUEST_TIMEOUT_MS;
  return { timeout: Math.max(1, Math.min(ceiling, left)), maxRetries: 0 };
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
  return { content: parsed, tokens: completion.usage?.total_tokens ?? estimateTokens(messages), promptChars: messageChars(messages) };
}

/** `create`, not `parse`: the answer is checked against the lenient stored schema, not the strict one sent. */
async function requestFullTextJson(client: SummaryClient, paper: Paper, options: RequestSummaryOptions, body: FullTextBody): Promise<SummaryAnswer> {
  const messages = buildSummaryMessages(paper, options.language, 'json', body);
  const completion = await callWithRetry(options, (request) =>
    client.chat.completions.create(
      { model: options.model, messages, response_format: FULLTEXT_RESPONSE_FORMAT, max_tokens: FULLTEXT_MAX_COMPLETION_TOKENS, stream: false },
      request,
    ),
  );
  const choice = completion.choices[0];
  if (choice?.finish_reason === 'length') throw new LengthFinishReasonError();
  if (choice?.finish_reason === 'content_filter') throw new ContentFilterFinishReasonError();
  const content = StoredContentSchema.parse(JSON.parse(choice?.message.content ?? ''));
  return { content, tokens: completion.usage?.total_tokens ?? estimateTokens(messages), promptChars: messageChars(messages) };
}

async function requestText(client: SummaryClient, paper: Paper, options: RequestSummaryOptions): Promise<SummaryAnswer> {
  const messages = buildSummaryMessages(paper, options.language, 'text', options.body);
  const maxTokens = options.body ? FULLTEXT_MAX_COMPLETION_TOKENS : MAX_COMPLETION_TOKENS;
  const completion = await callWithRetry(options, (request) =>
    client.chat.completions.create({ model: options.model, messages, max_tokens: maxTokens, stream: false }, request),
  );
  const text = completion.choices[0]?.message.content?.trim() ?? '';
  if (!text) throw new Error(`The LLM answered with an empty text for arXiv:${paper.id}v${paper.version}.`);
  return { content: null, text, tokens: completion.usage?.total_tokens ?? estimateTokens(messages), promptChars: messageChars(messages) };
}

/** Asks for a summary; transient errors are retried inside, anything else is thrown to the caller. */
export async function requestSummary(client: SummaryClient, paper: Paper, options: RequestSummaryOptions): Promise<SummaryAnswer> {
  if (!options.provider.jsonMode) return requestText(client, paper, options);
  const provider = options.provider;
  try {
    const answer = options.body ? await requestFullTextJson(client, paper, options, options.body) : await requestJson(client, paper, options);
    provider.unparsableInARow = 0;
    return answer;
  } catch (err) {
    if (refusesJsonMode(err)) provider.jsonMode = false;
    else if (isUnparsable(err)) provider.jsonMode = ++provider.unparsableInARow < UNPARSABLE_LIMIT;
    else if (!isBadRequest(err)) throw err;
    return requestText(client, paper, options);
  }
}
