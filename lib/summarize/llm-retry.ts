/**
 * Retries one LLM call on 429, 408 and 5xx (and dropped connections) with exponential backoff
 * that honours the provider's `Retry-After`, a few times at most, never waiting past the run's
 * deadline. A provider that asks for a longer pause than we are willing to wait (a spent daily
 * quota) is not retried: the paper is skipped this run and the run stops asking.
 * https://platform.openai.com/docs/guides/error-codes
 */
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

export type RetryPolicy = {
  /** Attempts per call, the first included. @default 3 */
  maxAttempts: number;
  /** First backoff; doubled per attempt, with jitter. @default 1000 */
  baseDelayMs: number;
  /** Longest single wait, Retry-After included; a longer Retry-After is not waited for. @default 20000 */
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 20_000 };

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };
export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export type LlmErrorKind =
  /** Worth another attempt (429, 408, 5xx, network). */
  | 'transient'
  /** Every later call would fail the same way (bad key, no such model, endpoint gone): stop the run. */
  | 'fatal'
  /** This request cannot succeed (bad input, our own deadline abort): skip the paper. */
  | 'permanent';

export function classifyLlmError(err: unknown): LlmErrorKind {
  if (err instanceof APIUserAbortError) return 'permanent';
  if (err instanceof APIConnectionError) return 'transient';
  if (err instanceof APIError && typeof err.status === 'number') {
    if (err.status === 429 || err.status === 408 || err.status === 409 || err.status >= 500) return 'transient';
    if (err.status === 401 || err.status === 403 || err.status === 404) return 'fatal';
  }
  return 'permanent';
}

/** `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date; null when absent. */
export function retryAfterMs(err: unknown, nowMs: number): number | null {
  if (!(err instanceof APIError) || !err.headers) return null;
  const ms = Number(err.headers.get('retry-after-ms'));
  if (err.headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = err.headers.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : null;
}

/** The provider asked for a pause longer than a run can wait; carries the requested wait. */
export class ProviderPausedError extends Error {
  override name = 'ProviderPausedError';
  constructor(
    readonly waitMs: number,
    cause: unknown,
  ) {
    super(`The LLM provider asked to retry after ${Math.round(waitMs / 1000)} s; not waiting that long this run.`, { cause });
  }
}

export type RetryOptions = {
  policy?: RetryPolicy;
  /** Epoch ms after which no wait may end. */
  deadlineMs: number;
  clock?: Clock;
  /** Called before each wait (logging, tests). */
  onRetry?: (info: { attempt: number; waitMs: number; error: unknown }) => void;
};

/** Runs `call` until it succeeds, a non-transient error occurs, attempts run out or the deadline nears. */
export async function withLlmRetry<T>(call: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const clock = options.clock ?? realClock;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (classifyLlmError(error) !== 'transient' || attempt >= policy.maxAttempts) throw error;
      const asked = retryAfterMs(error, clock.now());
      if (asked !== null && asked > policy.maxDelayMs) throw new ProviderPausedError(asked, error);
      // The provider's own figure wins; otherwise exponential with jitter so parallel calls spread out.
      const waitMs = asked ?? Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      if (clock.now() + waitMs >= options.deadlineMs) throw error;
      options.onRetry?.({ attempt, waitMs, error });
      await clock.sleep(waitMs);
    }
  }
}
