/** Saved profiles: one hash, field = secret token, value = the profile's JSON (validated by lib/profiles). */
import * as K from './keys';
import type { StoreKv } from './store-kv';

export function profiles(kv: StoreKv) {
  const hash = kv.key(K.PROFILES_HASH);
  return {
    getProfile: (token: string): Promise<string | null> => kv.driver.hget(hash, token),
    async putProfile(token: string, json: string): Promise<void> {
      await kv.driver.hset(hash, token, json);
    },
    deleteProfile: (token: string): Promise<boolean> => kv.driver.hdel(hash, token),
    listProfiles: (): Promise<Record<string, string>> => kv.driver.hgetall(hash),
  };
}
