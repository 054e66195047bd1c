/**
 * Reads a saved profile for `/?profile=<token>` through the profiles module's own reader, so the
 * preview and `/api/feed/<token>` agree on what a token means. A malformed or unknown token is
 * not an error page here: the preview says so and shows the default feed.
 */
import { InputError, NotFoundError } from '../errors';
import type { Profile } from '../model/profile';
import { readProfile } from '../profiles/saved-profiles';
import type { Store } from '../store/store';

export async function readSavedProfile(store: Pick<Store, 'getProfile'>, token: string): Promise<Profile | null> {
  try {
    return await readProfile(store, token);
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof InputError) return null;
    throw err;
  }
}
