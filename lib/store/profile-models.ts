/**
 * Saved profiles' learned models, as the JSON lib/profiles writes: one key per profile token
 * (keys.ts). Unreadable or missing reads as null: a model is rebuilt from the profile's feedback.
 */
import * as K from './keys';
import type { StoreKv } from './store-kv';

export function profileModels(kv: StoreKv) {
  return {
    getProfileModel: (token: string): Promise<string | null> => kv.driver.get(kv.key(K.profileModelKey(token))),
    async putProfileModel(token: string, json: string): Promise<void> {
      await kv.driver.set(kv.key(K.profileModelKey(token)), json);
    },
    async deleteProfileModel(token: string): Promise<void> {
      await kv.driver.del([kv.key(K.profileModelKey(token))]);
    },
  };
}
