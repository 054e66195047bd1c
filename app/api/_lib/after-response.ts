/**
 * Schedules work after the response with Next's `after()`, which keeps a Vercel function alive
 * until it finishes. Route handlers called outside a Next request (unit tests import them
 * directly) have no request scope: there the work is skipped rather than left dangling.
 */
import { after } from 'next/server';

export function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    // No request scope: nothing to attach the work to.
  }
}
