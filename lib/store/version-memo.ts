/**
 * This process's memory of version keys it read in the last `ttlMs` (issue 13, serving ratio):
 * a warm feed request proves its cached feed current by its version keys — a dozen files on the
 * embedded store, ~0.4 ms of CPU — and a server answering hundreds of warm requests a second
 * reads each key at most once per `ttlMs` instead.
 *
 * What it costs in freshness: writes through the same Store forget the keys they change (an
 * ingest, a summary, a cron route or a drain in this server), so this process sees its own at
 * once; a write by another process (a cron on another instance, a CLI script) shows within
 * `ttlMs` — far inside the feeds' own `max-age=300` (feed-response.ts). A read that was in flight
 * while a write forgot keys is not remembered, so it cannot bring back an old value.
 */

/** What the app's shared store (open-store.ts) remembers version keys for: one read per key per second at most. @default 1000 */
export const VERSION_MEMO_MS = 1000;

type Remembered = { value: string | null; readAt: number };

export class VersionMemo {
  private readonly values = new Map<string, Remembered>();
  private generation = 0;

  constructor(
    /** How long a read value stands for the key's current one. */
    readonly ttlMs: number,
    /** Keys remembered at most; past it the memory starts over (sources × days × scopes is far fewer). */
    private readonly maxKeys = 4096,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every key's value when each was read less than `ttlMs` ago, else undefined (read them all). */
  get(keys: string[]): (string | null)[] | undefined {
    const oldest = this.now() - this.ttlMs;
    const out: (string | null)[] = [];
    for (const key of keys) {
      const hit = this.values.get(key);
      if (!hit || hit.readAt <= oldest) return undefined;
      out.push(hit.value);
    }
    return out;
  }

  /** Call before a read; pass the result to `remember`. */
  begin(): { generation: number; at: number } {
    return { generation: this.generation, at: this.now() };
  }

  /** Keeps what a read begun at `began` returned, unless a write forgot keys meanwhile. */
  remember(began: { generation: number; at: number }, keys: string[], values: (string | null)[]): void {
    if (began.generation !== this.generation) return;
    if (this.values.size + keys.length > this.maxKeys) this.values.clear();
    keys.forEach((key, i) => this.values.set(key, { value: values[i] ?? null, readAt: began.at }));
  }

  /** After this process wrote `keys`: the next read goes to the store. */
  forget(keys: string[]): void {
    this.generation++;
    for (const key of keys) this.values.delete(key);
  }
}
