/** Retry policy for LLM calls: which errors, how long (Retry-After), never past the deadline. */
import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyLlmError, ProviderPausedError, retryAfterMs, withLlmRetry, type Clock } from '../../lib/summarize/llm-retry';

const apiError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { message: `status ${status}` }, `status ${status}`, new Headers(headers));

function fakeClock(start = 1_000_000): Clock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return { waits, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) };
}

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 10_000 };

describe('classifyLlmError', () => {
  it('retries 429, 408, 5xx and dropped connections; stops the run on 401/403/404; skips 400', () => {
    expect([429, 408, 500, 502, 503].map((s) => classifyLlmError(apiError(s)))).toEqual(Array(5).fill('transient'));
    expect(classifyLlmError(new APIConnectionError({ message: 'socket hang up' }))).toBe('transient');
    expect([401, 403, 404].map((s) => classifyLlmError(apiError(s)))).toEqual(Array(3).fill('fatal'));
    expect(classifyLlmError(apiError(400))).toBe('permanent');
    expect(classifyLlmError(new Error('x'))).toBe('permanent');
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    expect(retryAfterMs(apiError(429, { 'retry-after-ms': '250' }), 0)).toBe(250);
    expect(retryAfterMs(apiError(429, { 'retry-after': '3' }), 0)).toBe(3000);
    const now = Date.parse('2026-03-03T12:00:00Z');
    expect(retryAfterMs(apiError(429, { 'retry-after': 'Tue, 03 Mar 2026 12:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(apiError(429), 0)).toBeNull();
    expect(retryAfterMs(new Error('x'), 0)).toBeNull();
  });
});

describe('withLlmRetry', () => {
  it('honours Retry-After, then succeeds', async () => {
    const clock = fakeClock();
    let n = 0;
    const result = await withLlmRetry(async () => (++n < 3 ? Promise.reject(apiError(429, { 'retry-after': '2' })) : 'ok'), {
      policy,
      clock,
      deadlineMs: clock.now() + 60_000,
    });
    expect(result).toBe('ok');
    expect(clock.waits).toEqual([2000, 2000]);
  });

  it('backs off exponentially without Retry-After and gives up after maxAttempts', async () => {
    const clock = fakeClock();
    let n = 0;
    await expect(withLlmRetry(() => (n++, Promise.reject(apiError(500))), { policy, clock, deadlineMs: clock.now() + 60_000 })).rejects.toMatchObject({ status: 500 });
    expect(n).toBe(3);
    expect(clock.waits).toHaveLength(2);
    expect(clock.waits[0]).toBeGreaterThanOrEqual(50);
    expect(clock.waits[0]).toBeLessThanOrEqual(100);
    expect(clock.waits[1]).toBeGreaterThanOrEqual(100);
    expect(clock.waits[1]).toBeLessThanOrEqual(200);
  });

  it('never waits past the deadline', async () => {
    const clock = fakeClock();
    let n = 0;
    await expect(
      withLlmRetry(() => (n++, Promise.reject(apiError(429, { 'retry-after': '5' }))), { policy, clock, deadlineMs: clock.now() + 4_000 }),
    ).rejects.toMatchObject({ status: 429 });
    expect(n).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  it('does not retry a 400, and refuses to wait for a Retry-After beyond the cap', async () => {
    const clock = fakeClock();
    let n = 0;
    await expect(withLlmRetry(() => (n++, Promise.reject(apiError(400))), { policy, clock, deadlineMs: Infinity })).rejects.toMatchObject({ status: 400 });
    expect(n).toBe(1);
    await expect(
      withLlmRetry(() => Promise.reject(apiError(429, { 'retry-after': '3600' })), { policy, clock, deadlineMs: Infinity }),
    ).rejects.toBeInstanceOf(ProviderPausedError);
    expect(clock.waits).toEqual([]);
  });
});
