/**
 * The page's side of learned relevance for `/?profile=<token>`: the learned scorer the page ranks
 * with (the feed's own: lib/profiles/learned-scorer.ts), and what the profile panel lists — the
 * liked and disliked papers, newest first, titled from the stored model's sketches (a paper known
 * only by id shows its id). The saved profile's lists count even while the builder shows other
 * parameters on top: they are the profile's, not the query's.
 */
import type { Profile } from '../model/profile';
import { learnedRanking, readLearnedParts, type LearnedParts, type LearnedStore } from '../profiles/learned-scorer';
import type { ExtraScore } from '../score/rank-papers';
import { isCurrent } from '../score/learned/embedding-model';
import type { EmbeddingEnv } from '../summarize/embedding-client';

export type FeedbackPaper = { id: string; title: string | null };

export type FeedbackPanel = {
  liked: FeedbackPaper[];
  disliked: FeedbackPaper[];
  /** Feedback papers whose text neither the store nor the model has: kept, not learned from yet. */
  notLearned: number;
  /** True when the ranking uses embedding points (EMBEDDINGS_MODEL) for the papers that have a vector. */
  embeddings: boolean;
};

export type PreviewLearned = { learned: ExtraScore | null; panel: FeedbackPanel | null };

function titles({ model, record }: LearnedParts): Map<string, string> {
  const named = new Map<string, string>();
  for (const s of [...(model?.liked ?? []), ...(model?.disliked ?? []), ...(record?.feedback ?? [])]) if (s.title) named.set(s.id, s.title);
  return named;
}

/** The saved profile's lists on top of what the builder shows. */
export function withSavedFeedback(profile: Profile, saved: Profile | null): Profile {
  if (!saved) return profile;
  const merged: Profile = { ...profile, liked: saved.liked, disliked: saved.disliked };
  if (!merged.liked) delete merged.liked;
  if (!merged.disliked) delete merged.disliked;
  return merged;
}

export async function loadPreviewLearned(store: LearnedStore, token: string | null, saved: Profile | null, env: EmbeddingEnv): Promise<PreviewLearned> {
  if (!token || !saved) return { learned: null, panel: null };
  const parts = await readLearnedParts(store, token, env);
  const named = titles(parts);
  const list = (ids: readonly string[] = []) => [...ids].reverse().map((id) => ({ id, title: named.get(id) ?? null }));
  return {
    learned: learnedRanking(parts, saved)?.scorer ?? null,
    panel: { liked: list(saved.liked), disliked: list(saved.disliked), notLearned: parts.model?.notFound.length ?? 0, embeddings: isCurrent(parts.record, saved) && parts.record.papers.refs.length > 0 },
  };
}
