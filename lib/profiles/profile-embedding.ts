/**
 * A saved profile's embedding record (lib/score/learned/embedding-model.ts), computed from stored
 * vectors: when the feedback changes (training, which may embed the few feedback papers still
 * without a vector, within TRAINING_EMBED_BUDGET_MS) and after the summarize job embedded new
 * papers (which embeds nothing here). Window papers without a vector are left out of the record;
 * their feed falls back to the text model for them.
 */
import type { Paper } from '../model/paper';
import type { Profile } from '../model/profile';
import { EMBEDDING_FORMAT, feedbackKey, parseProfileEmbedding, type FeedbackVector, type ProfileEmbedding } from '../score/learned/embedding-model';
import { embeddingPoints, MAX_EMBEDDED_FEEDBACK, MAX_EMBEDDED_WINDOW } from '../score/learned/embedding-points';
import { MAX_SKETCH_TITLE_CHARS } from '../score/learned/learned-model';
import { decodeVector, encodeVector } from '../store/embeddings';
import type { Store } from '../store/store';
import { embedPapers } from '../summarize/embed-papers';
import type { Embedder } from '../summarize/embedding-client';

/** Time a feedback change may spend embedding its feedback papers (the click waits for it). */
export const TRAINING_EMBED_BUDGET_MS = 10_000;

export type EmbeddingStore = Pick<Store, 'getEmbeddings' | 'putEmbeddings' | 'getProfileEmbedding' | 'putProfileEmbedding' | 'deleteProfileEmbedding'>;

export type RefreshEmbeddingInput = {
  token: string;
  profile: Pick<Profile, 'liked' | 'disliked'>;
  /** Papers with text: the training window, and feedback papers from elsewhere (an import). */
  papers: readonly Paper[];
  embedder: Embedder;
  now: Date;
  /** Embed feedback papers without a vector until then (epoch ms); unset: embed nothing. */
  embedUntilMs?: number;
};

export type RefreshEmbeddingResult = { record: ProfileEmbedding | null; embedded: number; error: string | null };

const refOf = (p: Pick<Paper, 'id' | 'version'>) => `${p.id}v${p.version}`;

/** Each id once at its newest version, newest announcement first. */
function newestVersions(papers: readonly Paper[]): Paper[] {
  const byId = new Map<string, Paper>();
  for (const p of papers) if ((byId.get(p.id)?.version ?? 0) < p.version) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : a.id < b.id ? 1 : -1));
}

/** The newest MAX_EMBEDDED_FEEDBACK of a list (stored oldest first), newest first. */
const newestFirst = (ids: readonly string[] = []) => [...ids].reverse().slice(0, MAX_EMBEDDED_FEEDBACK);

type Vectors = Map<string, Float32Array>;

function feedbackVectors(ids: string[], signal: FeedbackVector['signal'], byId: Map<string, Paper>, vectors: Vectors, previous: Map<string, FeedbackVector>) {
  const found: { entry: FeedbackVector; vector: Float32Array }[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const paper = byId.get(id);
    const vector = paper ? vectors.get(refOf(paper)) : undefined;
    const kept = previous.get(id);
    if (paper && vector) found.push({ entry: { id, version: paper.version, title: paper.title.slice(0, MAX_SKETCH_TITLE_CHARS), signal, vector: encodeVector(vector) }, vector });
    else if (kept && decodeVector(kept.vector)) found.push({ entry: { ...kept, signal }, vector: decodeVector(kept.vector)! });
    else missing.push(id);
  }
  return { found, missing };
}

export async function refreshProfileEmbedding(store: EmbeddingStore, input: RefreshEmbeddingInput): Promise<RefreshEmbeddingResult> {
  const { token, profile, embedder } = input;
  if (!profile.liked?.length && !profile.disliked?.length) {
    await store.deleteProfileEmbedding(token);
    return { record: null, embedded: 0, error: null };
  }
  const previous = parseProfileEmbedding(await store.getProfileEmbedding(token), embedder.scope);
  const kept = new Map((previous?.feedback ?? []).map((f) => [f.id, f]));
  const all = newestVersions(input.papers);
  const byId = new Map(all.map((p) => [p.id, p]));
  const liked = newestFirst(profile.liked);
  const disliked = newestFirst(profile.disliked);
  const feedbackPapers = [...liked, ...disliked].flatMap((id) => byId.get(id) ?? []);
  const window = all.slice(0, MAX_EMBEDDED_WINDOW);
  const vectors = await store.getEmbeddings([...new Set([...window, ...feedbackPapers])], embedder.scope);
  let embedded = 0;
  let error: string | null = null;
  const unembedded = feedbackPapers.filter((p) => !vectors.has(refOf(p)) && !kept.has(p.id));
  if (input.embedUntilMs !== undefined && unembedded.length) {
    const result = await embedPapers(store, embedder, unembedded, { deadlineMs: input.embedUntilMs });
    for (const [ref, v] of result.vectors) vectors.set(ref, v);
    [embedded, error] = [result.embedded, result.error];
  }
  const likes = feedbackVectors(liked, 'liked', byId, vectors, kept);
  const dislikes = feedbackVectors(disliked, 'disliked', byId, vectors, kept);
  // Without a single feedback vector every point would be 0: the text model then speaks for every paper.
  const scored = likes.found.length || dislikes.found.length ? window.filter((p) => vectors.has(refOf(p))) : [];
  const { points, nearest } = embeddingPoints({
    liked: likes.found.map((f) => f.vector),
    disliked: dislikes.found.map((f) => f.vector),
    papers: scored.map((p) => vectors.get(refOf(p))!),
  });
  const record: ProfileEmbedding = {
    format: EMBEDDING_FORMAT,
    scope: embedder.scope,
    computedAt: input.now.toISOString(),
    feedbackKey: feedbackKey(profile),
    feedback: [...likes.found, ...dislikes.found].map((f) => f.entry),
    missing: [...likes.missing, ...dislikes.missing],
    papers: { refs: scored.map(refOf), points, nearest },
  };
  await store.putProfileEmbedding(token, JSON.stringify(record));
  return { record, embedded, error };
}
