/** Fixed-window counters for rate limits and cooldowns, shared by every instance. */
import * as K from './keys';
import type { StoreKv } from './store-kv';

/** Cooldowns this process remembers as taken at most; past it the memory starts over (the counters still hold). */
const MAX_REMEMBERED_WINDOWS = 64;

export function rateCounters(kv: StoreKv) {
  /** name → the window (`seconds:index`) this process knows is taken, by itself or another instance. */
  const taken = new Map<string, string>();
  const windowOf = (windowSeconds: number, now: number) => Math.floor(now / 1000 / windowSeconds);

  const hit = async (name: string, windowSeconds: number, now = Date.now()): Promise<number> =>
    // Created at any moment of its window, the counter must outlive it: one window plus a second of slack.
    kv.driver.incr(kv.key(K.counterKey(name, windowOf(windowSeconds, now))), windowSeconds + 1);

  return {
    /** The count of hits in the current window including this one. */
    hit,

    /**
     * True for the first claim of the current window across every instance (a cooldown: one
     * drain, one on-demand fetch per window). Once this process has seen the window taken, later
     * claims in it answer false without a store command, so a feed request that has nothing to
     * do after its response costs nothing.
     */
    async claimWindow(name: string, windowSeconds: number, now = Date.now()): Promise<boolean> {
      const window = `${windowSeconds}:${windowOf(windowSeconds, now)}`;
      if (taken.get(name) === window) return false;
      const first = (await hit(name, windowSeconds, now)) === 1;
      if (taken.size >= MAX_REMEMBERED_WINDOWS) taken.clear();
      taken.set(name, window);
      return first;
    },
  };
}
