/**
 * Embeds papers in requests of EMBEDDING_BATCH and stores each batch as soon as it is back, so a
 * deadline or a failing provider midway keeps what was done. The first failure stops: a provider
 * that refused one batch (bad key, unknown model, quota) would refuse the next.
 */
import type { Paper } from '../model/paper';
import { unitVector } from '../store/embeddings';
import type { Store } from '../store/store';
import { EMBEDDING_BATCH, embeddingText, type Embedder } from './embedding-client';

/** A batch is not started with less time than this before the deadline. */
export const MIN_EMBED_WINDOW_MS = 2_000;

export type EmbedPapersResult = {
  embedded: number;
  calls: number;
  /** The new vectors at unit length, by `${id}v${version}`. */
  vectors: Map<string, Float32Array>;
  /** Why it stopped before the end, if it did. */
  stoppedBy: 'deadline' | 'error' | null;
  error: string | null;
};

export async function embedPapers(
  store: Pick<Store, 'putEmbeddings'>,
  embedder: Embedder,
  papers: readonly Paper[],
  options: { deadlineMs: number; now?: () => number },
): Promise<EmbedPapersResult> {
  const now = options.now ?? Date.now;
  const result: EmbedPapersResult = { embedded: 0, calls: 0, vectors: new Map(), stoppedBy: null, error: null };
  for (let start = 0; start < papers.length; start += EMBEDDING_BATCH) {
    if (options.deadlineMs - now() < MIN_EMBED_WINDOW_MS) {
      result.stoppedBy = 'deadline';
      break;
    }
    const batch = papers.slice(start, start + EMBEDDING_BATCH);
    result.calls++;
    let vectors: number[][];
    try {
      vectors = await embedder.embed(batch.map(embeddingText), options.deadlineMs);
    } catch (err) {
      result.stoppedBy = 'error';
      result.error = err instanceof Error ? err.message : String(err);
      break;
    }
    const entries = batch.flatMap((p, i) => {
      const vector = unitVector(vectors[i]!);
      return vector ? [{ id: p.id, version: p.version, vector }] : [];
    });
    await store.putEmbeddings(entries, embedder.scope);
    for (const e of entries) result.vectors.set(`${e.id}v${e.version}`, e.vector);
    result.embedded += entries.length;
  }
  return result;
}
