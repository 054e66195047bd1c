/**
 * The few named errors the service raises, and their HTTP status in one place.
 * Messages say what was received so a log line is enough to act on.
 */
import type { ZodError } from 'zod';

export type FieldIssue = { path: string; message: string };

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** A failed zod parse as the 400 the HTTP contract promises: one issue per field path. */
export function zodToInputError(err: ZodError, what = 'Invalid request'): InputError {
  const issues: FieldIssue[] = err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  return new InputError(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A request body over its size cap; answered 413 before it is parsed. */
export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}

/** The store (files, Redis, KV) could not be reached; callers answer 503 and keep old data. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * A stored value exists but cannot be read (hand-edited, or written by an incompatible version).
 * Served as 503 like an outage: treating it as "no data" would let the next write drop history.
 */
export class StoreCorruptError extends StoreUnavailableError {
  override name = 'StoreCorruptError';
}

/** arXiv (or the LLM) answered with something we must not store. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    message: string,
    readonly detail: { url?: string; status?: number; bodyStart?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

/** A write the server refuses to take from this sender (a cross-site browser request). */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** A request body in a media type the route does not read (writes are JSON only). */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}

/** A method the route does not serve; `allow` is what it does serve (the `Allow` header). */
export class MethodNotAllowedError extends Error {
  override name = 'MethodNotAllowedError';
  constructor(
    message: string,
    readonly allow: string[],
  ) {
    super(message);
  }
}

export type ErrorBody = { error: string; issues?: FieldIssue[]; variables?: string[]; fix?: string; docs?: string };

type EnvErrorFields = { variables: string[]; fix?: string; docsUrl?: string };

/**
 * lib/env.ts's EnvError, recognised by name: env.ts sits beside this module, so neither may import
 * the other.
 */
function envErrorFields(err: unknown): EnvErrorFields | null {
  if (!(err instanceof Error) || err.name !== 'EnvError') return null;
  const { variables, fix, docsUrl } = err as Error & { variables?: unknown; fix?: unknown; docsUrl?: unknown };
  return {
    variables: Array.isArray(variables) ? variables.filter((v): v is string => typeof v === 'string') : [],
    ...(typeof fix === 'string' && { fix }),
    ...(typeof docsUrl === 'string' && { docsUrl }),
  };
}

/**
 * A setup problem, not an outage: 500 without Retry-After, since waiting fixes nothing. The message
 * stays in the server log (it can carry a file path or a value), unless the error carries a fix:
 * such messages are written to be shown.
 */
function misconfigured(err: Error, { variables, fix, docsUrl }: EnvErrorFields): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (fix !== undefined)
    return { status: 500, body: { error: `Server misconfigured: ${err.message}`, fix, ...(docsUrl && { docs: docsUrl }), variables }, headers: {} };
  const named = variables.length ? variables.join(', ') : 'an environment variable';
  return { status: 500, body: { error: `Server misconfigured: ${named} is invalid (details in the server log)`, variables }, headers: {} };
}

/** Maps any thrown value to a status, a JSON body and extra headers. Unknown errors are 500 without details. */
export function toHttpError(err: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof InputError) return { status: 400, body: { error: err.message, issues: err.issues }, headers: {} };
  if (err instanceof UnauthorizedError) return { status: 401, body: { error: err.message }, headers: {} };
  if (err instanceof NotFoundError) return { status: 404, body: { error: err.message }, headers: {} };
  if (err instanceof PayloadTooLargeError) return { status: 413, body: { error: err.message }, headers: {} };
  if (err instanceof RateLimitedError)
    return { status: 429, body: { error: err.message }, headers: { 'retry-after': String(err.retryAfterSeconds) } };
  if (err instanceof StoreUnavailableError)
    return { status: 503, body: { error: 'Storage is unreachable; try again shortly.' }, headers: { 'retry-after': '30' } };
  if (err instanceof UpstreamError) return { status: 502, body: { error: err.message }, headers: {} };
  if (err instanceof ForbiddenError) return { status: 403, body: { error: err.message }, headers: {} };
  if (err instanceof UnsupportedMediaTypeError) return { status: 415, body: { error: err.message }, headers: {} };
  if (err instanceof MethodNotAllowedError) return { status: 405, body: { error: err.message }, headers: { allow: err.allow.join(', ') } };
  const envError = envErrorFields(err);
  if (envError) return misconfigured(err as Error, envError);
  return { status: 500, body: { error: 'Internal error' }, headers: {} };
}
