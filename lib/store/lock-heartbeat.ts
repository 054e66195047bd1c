/**
 * Keeps a job's run lock alive while the job runs: the lock has a short TTL (RUN_LOCK_TTL_SECONDS)
 * and is renewed every third of it. A job that is killed stops renewing, so its lock expires
 * within one TTL and the next run (or the cron's retry) gets it, instead of waiting out a TTL as
 * long as the dead run's deadline.
 */
export type LockRenewer = { renewLock(name: string, token: string, ttlSeconds: number): Promise<boolean> };

export type LockLease = {
  /** True once a renewal found the lock gone or taken (the job outlived its lease). */
  readonly lost: boolean;
  /** Stops renewing; resolves once a renewal in flight is done, so a release that follows is not refused by it. */
  stop(): Promise<void>;
};

/** Renews the lock every third of `ttlSeconds` until stopped; `onLost` is told once if it is lost. */
export function keepLockAlive(store: LockRenewer, name: string, token: string, ttlSeconds: number, onLost?: () => void): LockLease {
  let lost = false;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const renew = async () => {
    // A store that does not answer is tried again on the next beat; the TTL leaves two of them.
    const held = await store.renewLock(name, token, ttlSeconds).catch(() => null);
    if (held !== false || lost || stopped) return;
    lost = true;
    clearInterval(timer);
    onLost?.();
  };
  const timer = setInterval(() => (inFlight = renew()), (ttlSeconds * 1000) / 3);
  // The lease must not keep a finished script alive.
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      return inFlight;
    },
  };
}
