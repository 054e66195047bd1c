/**
 * A counting semaphore for the embedded store's open files. Every file it reads or writes holds
 * one descriptor until done, and a day of thousands of papers touches thousands of files at once:
 * past the process limit (`ulimit -n`, 1,024 on many hosts) every open fails with EMFILE. One
 * limiter per process, because the limit is per process, however many stores are open.
 */

/** Files open at once, across every embedded store of the process. @default 64 */
export const EMBEDDED_MAX_OPEN_FILES = 64;

export type Limiter = <T>(fn: () => Promise<T>) => Promise<T>;

export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active < max) active++;
    // A finishing task hands its slot straight to the next waiter, so `active` never overshoots.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** Runs one file operation (open … close) within the process-wide bound. */
export const withFileSlot: Limiter = createLimiter(EMBEDDED_MAX_OPEN_FILES);
