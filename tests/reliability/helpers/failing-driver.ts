/**
 * A KvDriver wrapper that goes down on cue: after `writesBeforeOutage` successful writes every
 * call (reads included) throws StoreUnavailableError, as a store dropping mid-run would; `heal()`
 * brings it back so a test can inspect what the outage left behind.
 */
import { StoreUnavailableError } from '../../../lib/errors';
import type { KvDriver } from '../../../lib/store/driver';

const WRITES = new Set(['set', 'mset', 'del', 'delIfEquals', 'expireIfEquals', 'incr', 'hset', 'hdel']);

export type FailingDriver = KvDriver & { heal(): void; writes: number; down: boolean };

export function failingDriver(inner: KvDriver, writesBeforeOutage: number): FailingDriver {
  const state = { writes: 0, down: false, healed: false };
  const wrapped = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'heal') return () => ((state.healed = true), (state.down = false));
      if (prop === 'writes') return state.writes;
      if (prop === 'down') return state.down;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return value;
      return async (...args: unknown[]) => {
        if (!state.healed && WRITES.has(String(prop)) && state.writes >= writesBeforeOutage) state.down = true;
        if (state.down) throw new StoreUnavailableError(`injected outage at ${String(prop)}`);
        if (WRITES.has(String(prop))) state.writes++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return wrapped as FailingDriver;
}
