/**
 * One change to a saved profile's feedback at a time, across instances: a change reads the
 * profile, writes it back and trains the model, and two "More like this" clicks opened in two tabs
 * at once would otherwise each write a list missing the other's paper.
 */
import { StoreUnavailableError } from '../errors';
import { PROFILE_FEEDBACK_LOCK_TTL_SECONDS, profileFeedbackLockName } from '../store/keys';
import type { Store } from '../store/store';

/** How long a change waits for the one before it (training takes well under a second). */
export const PROFILE_LOCK_WAIT_MS = 5_000;
const POLL_MS = 50;

/** Another change to the profile held its lock for all of PROFILE_LOCK_WAIT_MS: a 503 like an outage, which a job can tell apart. */
export class ProfileBusyError extends StoreUnavailableError {
  override name = 'ProfileBusyError';
}

export async function withProfileLock<T>(store: Pick<Store, 'acquireLock' | 'releaseLock'>, token: string, change: () => Promise<T>): Promise<T> {
  const name = profileFeedbackLockName(token);
  const giveUp = Date.now() + PROFILE_LOCK_WAIT_MS;
  let held = await store.acquireLock(name, PROFILE_FEEDBACK_LOCK_TTL_SECONDS);
  while (held === null && Date.now() < giveUp) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    held = await store.acquireLock(name, PROFILE_FEEDBACK_LOCK_TTL_SECONDS);
  }
  // 503 with Retry-After: the other change is still running (or crashed, and its lock soon expires).
  if (held === null) throw new ProfileBusyError(`another change to this profile's feedback is still running after ${PROFILE_LOCK_WAIT_MS} ms`);
  try {
    return await change();
  } finally {
    await store.releaseLock(name, held);
  }
}
