/**
 * Saved profiles: one hash, field = secret token, value = the profile's JSON (validated by
 * lib/profiles). They are the users' data and cannot be rebuilt: when the hash itself is damaged
 * (the wrong type at its key, an unreadable file), reading or writing one profile fails with
 * StoreCorruptError (503) and nothing is written over it. The jobs that read them all (ingest's
 * categories, summaries) go on without saved profiles meanwhile, so the configured categories are
 * still ingested; the damage is logged.
 */
import { StoreCorruptError } from '../errors';
import * as K from './keys';
import { reportDamaged } from './parse-stored';
import type { StoreKv } from './store-kv';

export function profiles(kv: StoreKv) {
  const hash = kv.key(K.PROFILES_HASH);
  return {
    getProfile: (token: string): Promise<string | null> => kv.driver.hget(hash, token),
    async putProfile(token: string, json: string): Promise<void> {
      await kv.driver.hset(hash, token, json);
    },
    deleteProfile: (token: string): Promise<boolean> => kv.driver.hdel(hash, token),
    /** Every saved profile; none while the hash is damaged (see above). */
    async listProfiles(): Promise<Record<string, string>> {
      try {
        return await kv.driver.hgetall(hash);
      } catch (err) {
        if (!(err instanceof StoreCorruptError)) throw err;
        reportDamaged(hash, 'saved profiles left as they are for repair; jobs run without them');
        return {};
      }
    },
  };
}
