/**
 * The summarize run lock, and how a full run gets it from a lazy drain. A drain (a few papers
 * after a feed request) holds the run lock for its short budget and marks itself with
 * SUMMARIZE_DRAIN_LOCK meanwhile; a full run that finds the lock taken by a drain waits for it to
 * finish instead of answering "locked" with the day's work undone (the daily cron runs once).
 * Another full run holding the lock is answered at once: waiting would only repeat its work.
 */
import { SUMMARIZE_DRAIN_LOCK, SUMMARIZE_LOCK } from '../../store/keys';
import type { Store } from '../../store/store';
import type { Clock } from '../../summarize/llm-retry';

/** How often a waiting run asks for the lock again. */
export const LOCK_POLL_MS = 250;

type LockStore = Pick<Store, 'acquireLock' | 'releaseLock'>;

/** True while a drain is marked. Probing takes the marker for a moment and gives it straight back. */
async function drainHoldsLock(store: LockStore): Promise<boolean> {
  const probe = await store.acquireLock(SUMMARIZE_DRAIN_LOCK, 1);
  if (!probe) return true;
  await store.releaseLock(SUMMARIZE_DRAIN_LOCK, probe);
  return false;
}

/** The run lock's release token, or null when another run holds it (after waiting up to `waitForDrainMs` for a drain). */
export async function acquireRunLock(store: LockStore, ttlSeconds: number, options: { waitForDrainMs: number; clock: Clock }): Promise<string | null> {
  const until = options.clock.now() + options.waitForDrainMs;
  for (;;) {
    const token = await store.acquireLock(SUMMARIZE_LOCK, ttlSeconds);
    if (token || options.clock.now() + LOCK_POLL_MS > until || !(await drainHoldsLock(store))) return token;
    await options.clock.sleep(LOCK_POLL_MS);
  }
}

/** Runs `work` marked as a drain; null (nothing run) while another drain is marked. */
export async function runAsDrain<T>(store: LockStore, ttlSeconds: number, work: () => Promise<T>): Promise<T | null> {
  const marker = await store.acquireLock(SUMMARIZE_DRAIN_LOCK, ttlSeconds);
  if (!marker) return null;
  try {
    return await work();
  } finally {
    await store.releaseLock(SUMMARIZE_DRAIN_LOCK, marker).catch(() => false);
  }
}
