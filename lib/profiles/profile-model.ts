/**
 * A saved profile's learned model in the store: read for every feed of the profile, trained again
 * whenever its feedback changes (never per request). Training reads the profile's categories over
 * the last TRAINING_DAYS announcement days with text, every announce type, so a liked paper that
 * was since replaced is still found.
 */
import { ANNOUNCE_TYPES, type Paper } from '../model/paper';
import type { Profile } from '../model/profile';
import { LearnedModelSchema, type LearnedModel } from '../score/learned/learned-model';
import { trainLearnedModel } from '../score/learned/train-model';
import type { Store } from '../store/store';
import type { Embedder } from '../summarize/embedding-client';
import { refreshProfileEmbedding, TRAINING_EMBED_BUDGET_MS, type EmbeddingStore } from './profile-embedding';

/** Announcement days a model is fitted on: about three weeks, enough to find what a reader liked from recent feeds. */
export const TRAINING_DAYS = 15;

export type ModelStore = Pick<Store, 'readFeedWindow' | 'getProfileModel' | 'putProfileModel' | 'deleteProfileModel'> & EmbeddingStore;

export type TrainOptions = {
  /** Feedback papers' text from outside the store (an import fetched them from arXiv). */
  extra?: readonly Paper[];
  /** With embeddings on: feedback papers without a vector are embedded, and the profile's embedding points computed again. */
  embedder?: Embedder | null;
  /** The training window, when the caller has read it already (readTrainingWindow). */
  window?: readonly Paper[];
};

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

/** The papers a profile's model is trained on: its categories over TRAINING_DAYS (or its own days, if more), every announce type. */
export async function readTrainingWindow(store: Pick<Store, 'readFeedWindow'>, profile: Profile): Promise<Paper[]> {
  const window = await store.readFeedWindow({ requested: profile.categories, days: Math.max(profile.days, TRAINING_DAYS), types: ANNOUNCE_TYPES, withText: true });
  return window.entries;
}

/** Trains and stores the model of `profile`'s feedback; without any feedback the model is deleted. */
export async function trainProfileModel(store: ModelStore, token: string, profile: Profile, now: Date, options: TrainOptions = {}): Promise<LearnedModel | null> {
  const liked = profile.liked ?? [];
  const disliked = profile.disliked ?? [];
  if (!liked.length && !disliked.length) {
    await Promise.all([store.deleteProfileModel(token), store.deleteProfileEmbedding(token)]);
    return null;
  }
  const [window, previous] = await Promise.all([options.window ?? readTrainingWindow(store, profile), readProfileModel(store, token)]);
  const model = trainLearnedModel({ window, liked, disliked, previous, now, extra: options.extra });
  await store.putProfileModel(token, JSON.stringify(model));
  if (options.embedder) {
    const papers = options.extra?.length ? [...window, ...options.extra] : window;
    await refreshProfileEmbedding(store, { token, profile, papers, embedder: options.embedder, now, embedUntilMs: Date.now() + TRAINING_EMBED_BUDGET_MS });
  }
  return model;
}
