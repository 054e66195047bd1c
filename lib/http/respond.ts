/**
 * Response helpers shared by every route handler (plain Web Response, no Next.js import), so
 * errors are mapped to HTTP in one place (lib/errors.ts) and every JSON error has one shape.
 */
import { ZodError } from 'zod';
import { toHttpError, zodToInputError } from '../errors';

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Turns any thrown value into the JSON error response the HTTP contract promises. */
export function errorResponse(err: unknown): Response {
  const mapped = toHttpError(err instanceof ZodError ? zodToInputError(err) : err);
  // A known setup problem repeats on every request until fixed: one line each, not a stack.
  if (mapped.body.fix !== undefined) console.error(`[arxiv-feeds] ${mapped.body.error} Fix: ${mapped.body.fix}`);
  else if (mapped.status >= 500 && mapped.status !== 503) console.error('[arxiv-feeds]', err);
  return json(mapped.body, { status: mapped.status, headers: mapped.headers });
}

/** Wraps a handler so no error escapes as an HTML 500 page. */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
