/**
 * One global throttle for arXiv, across processes and instances: before each request a
 * caller takes
 * - the connection lock (ARXIV_CONNECTION_LOCK), held for the request (one connection at a
 *   time; its TTL bounds a crashed holder), then
 * - the throttle lock (ARXIV_THROTTLE_LOCK), which expires ARXIV_MIN_INTERVAL_MS after the
 *   previous request *finished* (re-armed while the connection lock is still held, so nobody slips in between):
 *   arXiv's terms ask for one request every 3 seconds, and measuring from the end keeps the gap
 *   even when a request's connection set-up was slow.
 * Within a process, requests are also queued so two callers do not poll the store against each other.
 * https://info.arxiv.org/help/api/tou.html
 */
import { ARXIV_CONNECTION_LOCK, ARXIV_THROTTLE_LOCK, arxivConnectionLockTtlMs } from '../store/keys';
import type { Store } from '../store/store';

export type SlotOptions = { minIntervalMs: number; timeoutMs: number; deadline: Date };
export type SlotStore = Pick<Store, 'acquireLock' | 'releaseLock'>;

export class SlotTimeoutError extends Error {
  override name = 'SlotTimeoutError';
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

let queue: Promise<unknown> = Promise.resolve();

async function waitForLock(store: SlotStore, name: string, ttlMs: number, pollMs: number, deadline: Date): Promise<string> {
  for (;;) {
    const token = await store.acquireLock(name, ttlMs / 1000);
    if (token) return token;
    if (Date.now() + pollMs >= deadline.getTime()) throw new SlotTimeoutError(`deadline reached while waiting for the ${name} lock`);
    await sleep(pollMs);
  }
}

async function runInSlot<T>(store: SlotStore, options: SlotOptions, request: () => Promise<T>): Promise<T> {
  const pollMs = Math.min(250, Math.max(20, Math.floor(options.minIntervalMs / 4)));
  const connection = await waitForLock(store, ARXIV_CONNECTION_LOCK, arxivConnectionLockTtlMs(options.timeoutMs), pollMs, options.deadline);
  let throttle: string | null = null;
  try {
    if (options.minIntervalMs > 0) throttle = await waitForLock(store, ARXIV_THROTTLE_LOCK, options.minIntervalMs, pollMs, options.deadline);
    return await request();
  } finally {
    if (throttle) {
      // Re-arm: the next request may start only ARXIV_MIN_INTERVAL_MS after this one ended.
      await store.releaseLock(ARXIV_THROTTLE_LOCK, throttle).catch(() => false);
      await store.acquireLock(ARXIV_THROTTLE_LOCK, options.minIntervalMs / 1000).catch(() => null);
    }
    await store.releaseLock(ARXIV_CONNECTION_LOCK, connection).catch(() => false);
  }
}

/** Runs `request` when this process and every other instance may talk to arXiv again. */
export function withArxivSlot<T>(store: SlotStore, options: SlotOptions, request: () => Promise<T>): Promise<T> {
  const run = queue.then(() => runInSlot(store, options, request));
  queue = run.catch(() => undefined);
  return run;
}
