/** Fixed-window counters for rate limits and cooldowns, shared by every instance. */
import * as K from './keys';
import type { StoreKv } from './store-kv';

export function rateCounters(kv: StoreKv) {
  return {
    /** The count of hits in the current window including this one. */
    async hit(name: string, windowSeconds: number, now = Date.now()): Promise<number> {
      const window = Math.floor(now / 1000 / windowSeconds);
      // Created at any moment of its window, the counter must outlive it: one window plus a second of slack.
      return kv.driver.incr(kv.key(K.counterKey(name, window)), windowSeconds + 1);
    },
  };
}
