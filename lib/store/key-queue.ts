/**
 * Serializes read-modify-writes of one key within this process (hset, incr, …). An entry lives
 * only while work on its key is queued, so the map stays as small as the work in flight rather
 * than growing with every key ever written.
 */
export type KeyQueue = {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running. */
  readonly size: number;
};

export function createKeyQueue(): KeyQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run(key, fn) {
      const result = (tails.get(key) ?? Promise.resolve()).then(fn);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
  };
}
