/**
 * What a saved profile's feed and page rank with besides its rules: the learned model's scorer,
 * with the embedding record's points where it has them (EMBEDDINGS_MODEL set), and the version
 * that identifies both for the feed cache. Two reads, which callers make alongside the profile's
 * own; nothing is computed or embedded here (this is the request path): a missing or stale record
 * leaves the text model.
 */
import type { Profile } from '../model/profile';
import type { ExtraScore } from '../score/rank-papers';
import { isCurrent, parseProfileEmbedding, type ProfileEmbedding } from '../score/learned/embedding-model';
import type { LearnedModel } from '../score/learned/learned-model';
import { compileLearned } from '../score/learned/score-learned';
import { withEmbeddingPoints } from '../score/learned/score-embedded';
import type { Store } from '../store/store';
import { embeddingScope, type EmbeddingEnv } from '../summarize/embedding-client';
import { readProfileModel } from './profile-model';

export type LearnedStore = Pick<Store, 'getProfileModel' | 'getProfileEmbedding'>;
export type LearnedParts = { model: LearnedModel | null; record: ProfileEmbedding | null };
export type LearnedRanking = { scorer: ExtraScore; version: string };
type ScopeEnv = Pick<EmbeddingEnv, 'EMBEDDINGS_MODEL' | 'EMBEDDINGS_BASE_URL' | 'OPENAI_BASE_URL'>;

/** The stored model and, with embeddings on, the embedding record (of this scope). */
export async function readLearnedParts(store: LearnedStore, token: string, env: ScopeEnv): Promise<LearnedParts> {
  const scope = embeddingScope(env);
  const [model, raw] = await Promise.all([readProfileModel(store, token), scope ? store.getProfileEmbedding(token) : null]);
  return { model, record: parseProfileEmbedding(raw, scope) };
}

/** The scorer of the profile's current lists, or null without any feedback. */
export function learnedRanking({ model, record }: LearnedParts, profile: Pick<Profile, 'liked' | 'disliked'>): LearnedRanking | null {
  const feedback = { liked: profile.liked ?? [], disliked: profile.disliked ?? [] };
  const scorer = withEmbeddingPoints(compileLearned(model, feedback), record, feedback);
  if (!scorer) return null;
  return { scorer, version: `${model?.trainedAt ?? 'not trained'}|${isCurrent(record, feedback) ? record.computedAt : 'text'}` };
}
