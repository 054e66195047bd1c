/**
 * Wraps a KvDriver and records every call (one driver call = one round trip on Redis and KV) and
 * the bytes of the strings it returned, so tests can hold the store to its round-trip budget on
 * every backend.
 */
import type { KvDriver } from '../../lib/store/driver';

export type CountingDriver = KvDriver & { calls: string[]; bytesRead: number; resetCounts(): void };

const bytesOf = (value: unknown): number => {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + bytesOf(v), 0);
  if (value && typeof value === 'object') return Object.entries(value).reduce((n, [k, v]) => n + bytesOf(k) + bytesOf(v), 0);
  return 0;
};

export function countingDriver(inner: KvDriver): CountingDriver {
  const state = { calls: [] as string[], bytesRead: 0 };
  const wrapped = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'calls') return state.calls;
      if (prop === 'bytesRead') return state.bytesRead;
      if (prop === 'resetCounts')
        return () => {
          state.calls = [];
          state.bytesRead = 0;
        };
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return value;
      return async (...args: unknown[]) => {
        state.calls.push(String(prop));
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        state.bytesRead += bytesOf(result);
        return result;
      };
    },
  });
  return wrapped as CountingDriver;
}
