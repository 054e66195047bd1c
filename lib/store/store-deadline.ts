/**
 * One end-to-end deadline for a store call. The Redis client's own command timeout stops waiting
 * to send, not for the reply: with the server paused (`kill -STOP`), a feed request waited until
 * it resumed. Racing the whole call against a timer bounds everything (connect, queue, reply).
 */

export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** `work`, or a DeadlineError after `ms`; the abandoned call's own outcome is ignored. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
