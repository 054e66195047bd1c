/**
 * "More like this" / "Less like this" on a saved profile: `more` likes a paper, `less` dislikes it,
 * `clear` forgets either. The lists live in the profile itself (ProfileSchema `liked`/`disliked`,
 * newest last); a change trains the profile's learned model again, under the profile's lock.
 */
import { z } from 'zod';
import { zodToInputError } from '../errors';
import { PaperIdSchema } from '../model/paper-id';
import { MAX_FEEDBACK_PAPERS, type Profile } from '../model/profile';
import type { Store } from '../store/store';
import { withProfileLock } from './profile-lock';
import type { Embedder } from '../summarize/embedding-client';
import { readProfileModel, trainProfileModel, type ModelStore } from './profile-model';
import { readProfile } from './saved-profiles';

export const FEEDBACK_SIGNALS = ['more', 'less', 'clear'] as const;
export const FeedbackSignalSchema = z.enum(FEEDBACK_SIGNALS, { error: `must be one of ${FEEDBACK_SIGNALS.join(', ')}` });
export type FeedbackSignal = z.infer<typeof FeedbackSignalSchema>;

export const FeedbackSchema = z.strictObject({ id: PaperIdSchema, signal: FeedbackSignalSchema });
export type Feedback = z.infer<typeof FeedbackSchema>;

export type FeedbackResult = {
  id: string;
  signal: FeedbackSignal;
  liked: number;
  disliked: number;
  /** Papers the list was full for and forgot, oldest first (at most one per signal). */
  dropped: string[];
  /** Feedback papers whose text the store no longer has and no model remembers: kept, but not learned from. */
  notLearned: number;
};

export function parseFeedback(body: unknown): Feedback {
  const parsed = FeedbackSchema.safeParse(body);
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid feedback');
  return parsed.data;
}

/** `list` with `id` added as its newest entry, keeping at most MAX_FEEDBACK_PAPERS (the oldest go). */
function withNewest(list: readonly string[], id: string): { list: string[]; dropped: string[] } {
  const next = [...list.filter((x) => x !== id), id];
  const over = Math.max(0, next.length - MAX_FEEDBACK_PAPERS);
  return { list: next.slice(over), dropped: next.slice(0, over) };
}

/** The profile's lists after one signal. */
export function applyFeedback(profile: Profile, { id, signal }: Feedback): { liked: string[]; disliked: string[]; dropped: string[] } {
  const liked = (profile.liked ?? []).filter((x) => x !== id);
  const disliked = (profile.disliked ?? []).filter((x) => x !== id);
  if (signal === 'clear') return { liked, disliked, dropped: [] };
  const added = withNewest(signal === 'more' ? liked : disliked, id);
  return signal === 'more' ? { liked: added.list, disliked, dropped: added.dropped } : { liked, disliked: added.list, dropped: added.dropped };
}

const sameList = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x, i) => x === b[i]);

type FeedbackStore = Pick<Store, 'getProfile' | 'putProfile' | 'acquireLock' | 'releaseLock'> & ModelStore;

/** Records one signal; 400 for a malformed body or token, 404 for an unknown token. Repeating a signal changes nothing. */
export async function recordFeedback(store: FeedbackStore, token: string, body: unknown, now = new Date(), embedder: Embedder | null = null): Promise<FeedbackResult> {
  const feedback = parseFeedback(body);
  await readProfile(store, token);
  return withProfileLock(store, token, async () => {
    const profile = await readProfile(store, token);
    const { liked, disliked, dropped } = applyFeedback(profile, feedback);
    let model;
    if (!sameList(liked, profile.liked) || !sameList(disliked, profile.disliked)) {
      const updated: Profile = { ...profile, liked, disliked };
      await store.putProfile(token, JSON.stringify(updated));
      model = await trainProfileModel(store, token, updated, now, { embedder });
    } else model = await readProfileModel(store, token);
    const notLearned = model?.notFound.length ?? 0;
    return { id: feedback.id, signal: feedback.signal, liked: liked.length, disliked: disliked.length, dropped, notLearned };
  });
}

/** Forgets every like and dislike of the profile (the page's reset), and its learned model with them; 404 for an unknown token. */
export async function clearFeedback(store: FeedbackStore, token: string): Promise<{ liked: 0; disliked: 0; cleared: number }> {
  await readProfile(store, token);
  return withProfileLock(store, token, async () => {
    const profile = await readProfile(store, token);
    const cleared = (profile.liked?.length ?? 0) + (profile.disliked?.length ?? 0);
    const { liked: _liked, disliked: _disliked, ...rest } = profile;
    if (cleared) await store.putProfile(token, JSON.stringify(rest));
    await trainProfileModel(store, token, rest, new Date());
    return { liked: 0, disliked: 0, cleared };
  });
}
