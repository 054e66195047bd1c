/**
 * A saved profile's learned model in the store: read for every feed of the profile, trained again
 * whenever its feedback changes (never per request). Training reads the profile's categories over
 * the last TRAINING_DAYS announcement days with text, every announce type, so a liked paper that
 * was since replaced is still found.
 */
import { ANNOUNCE_TYPES } from '../model/paper';
import type { Profile } from '../model/profile';
import { LearnedModelSchema, type LearnedModel } from '../score/learned/learned-model';
import { trainLearnedModel } from '../score/learned/train-model';
import type { Store } from '../store/store';

/** Announcement days a model is fitted on: about three weeks, enough to find what a reader liked from recent feeds. */
export const TRAINING_DAYS = 15;

export type ModelStore = Pick<Store, 'readFeedWindow' | 'getProfileModel' | 'putProfileModel' | 'deleteProfileModel'>;

/** The stored model, or null (none yet, or one an older version wrote: it is trained again on the next feedback). */
export async function readProfileModel(store: Pick<Store, 'getProfileModel'>, token: string): Promise<LearnedModel | null> {
  const raw = await store.getProfileModel(token);
  if (raw === null) return null;
  try {
    const parsed = LearnedModelSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Trains and stores the model of `profile`'s feedback; without any feedback the model is deleted. */
export async function trainProfileModel(store: ModelStore, token: string, profile: Profile, now: Date): Promise<LearnedModel | null> {
  const liked = profile.liked ?? [];
  const disliked = profile.disliked ?? [];
  if (!liked.length && !disliked.length) {
    await store.deleteProfileModel(token);
    return null;
  }
  const [window, previous] = await Promise.all([
    store.readFeedWindow({ requested: profile.categories, days: Math.max(profile.days, TRAINING_DAYS), types: ANNOUNCE_TYPES, withText: true }),
    readProfileModel(store, token),
  ]);
  const model = trainLearnedModel({ window: window.entries, liked, disliked, previous, now });
  await store.putProfileModel(token, JSON.stringify(model));
  return model;
}
