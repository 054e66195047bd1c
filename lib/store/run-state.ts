/**
 * What jobs share across processes: named locks (one ingest, one summarize run, one arXiv request
 * at a time) and the status each job kind last reported, which health and the preview show.
 * A lock's value says who holds it (`pid@host`, since when) besides the random part that makes
 * it its owner's: health shows the holder of a running job, and a running status whose lock is
 * gone belongs to a job that died.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import * as K from './keys';
import { parseJson, parseRecord, readRebuildable } from './parse-stored';
import type { StoreKv } from './store-kv';

export const LockHolderSchema = z.object({
  /** `pid@host` of the process that took the lock. */
  holder: z.string(),
  /** When it took the lock (ISO time). */
  since: z.string(),
});
export type LockHolder = z.infer<typeof LockHolderSchema>;

const LockValueSchema = LockHolderSchema.extend({ token: z.string() });

/** The holder a lock token names; null for a token that names none. */
export function lockHolderOf(token: string): LockHolder | null {
  const value = parseRecord(LockValueSchema, token);
  return value ? { holder: value.holder, since: value.since } : null;
}

export const RunStatusSchema = z.object({
  kind: z.string(),
  /**
   * ok: stored something; quiet: arXiv announced nothing (weekend/holiday); failed: nothing stored;
   * stale: arXiv still serves an announcement day already stored (nothing stored, not an error);
   * disabled: the job is not configured (summaries without OPENAI_API_KEY), nothing was attempted.
   */
  state: z.enum(['ok', 'quiet', 'failed', 'running', 'stale', 'disabled']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  counts: z.record(z.string(), z.number()).default({}),
  error: z.string().optional(),
  /** First bytes of a bad upstream response, for diagnosis. */
  bodyStart: z.string().optional(),
  /** Per category/source outcome (ingest) or any extra facts a job reports. */
  detail: z.record(z.string(), z.unknown()).optional(),
  /** The run lock a `running` job holds, so health can tell whether that job is still alive. */
  lock: LockHolderSchema.optional(),
});
export type RunStatus = z.infer<typeof RunStatusSchema>;

export function runState(kv: StoreKv) {
  return {
    /** Returns a release token, or null while someone else holds the lock. */
    async acquireLock(name: string, ttlSeconds: number): Promise<string | null> {
      const holder = { holder: `${process.pid}@${hostname()}`, since: new Date().toISOString() };
      const token = JSON.stringify({ token: randomBytes(12).toString('base64url'), ...holder });
      const ok = await kv.driver.set(kv.key(K.lockKey(name)), token, { ttlSeconds, onlyIfAbsent: true });
      return ok ? token : null;
    },
    /** Releases only while `token` still holds the lock (an expired holder cannot free the next one). */
    releaseLock: (name: string, token: string): Promise<boolean> => kv.driver.delIfEquals(kv.key(K.lockKey(name)), token),
    /** Extends the lock to `ttlSeconds` from now while `token` still holds it; false once it was lost. */
    renewLock: (name: string, token: string, ttlSeconds: number): Promise<boolean> =>
      kv.driver.expireIfEquals(kv.key(K.lockKey(name)), token, ttlSeconds),
    /** Who holds the lock, or null when nobody does (`unknown` for a holder that names none). */
    async getLockHolder(name: string): Promise<LockHolder | null> {
      const key = kv.key(K.lockKey(name));
      const token = await readRebuildable(key, () => kv.driver.get(key));
      return token === null ? null : (lockHolderOf(token) ?? { holder: 'unknown', since: '' });
    },

    /** The last status a job reported; an unreadable one reads as none (the job's next report replaces it). */
    async getStatus(kind: string): Promise<RunStatus | null> {
      const key = kv.key(K.statusKey(kind));
      return parseJson(RunStatusSchema, await readRebuildable(key, () => kv.driver.get(key)), key);
    },
    async putStatus(status: RunStatus): Promise<void> {
      await kv.driver.set(kv.key(K.statusKey(status.kind)), JSON.stringify(RunStatusSchema.parse(status)));
    },
  };
}
