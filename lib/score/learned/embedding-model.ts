/**
 * What a saved profile's embedding-based ranking stores (EMBEDDINGS_MODEL set): the points its
 * feed gives each window paper that has an embedding, and the vectors of its newest feedback
 * papers, which outlive the window and the per-paper cache. Computed whenever the feedback
 * changes and again by the summarize job once new papers are embedded, never by a feed request:
 * a feed reads this one record, and a paper it does not list falls back to the text model.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_SKETCH_TITLE_CHARS } from './learned-model';

export const EMBEDDING_FORMAT = 1;

export const FeedbackVectorSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  title: z.string().max(MAX_SKETCH_TITLE_CHARS),
  signal: z.enum(['liked', 'disliked']),
  /** The stored vector (lib/store/embeddings.ts encoding). */
  vector: z.string().min(1),
});
export type FeedbackVector = z.infer<typeof FeedbackVectorSchema>;

export const ProfileEmbeddingSchema = z
  .object({
    format: z.literal(EMBEDDING_FORMAT),
    /** Provider host and model the vectors come from: another EMBEDDINGS_MODEL ignores the record. */
    scope: z.string().min(1),
    computedAt: z.string(),
    /** The feedback lists the points were computed for (feedbackKey): a change makes them stale at once. */
    feedbackKey: z.string(),
    /** Feedback papers with a vector, newest first within each signal. */
    feedback: z.array(FeedbackVectorSchema),
    /** Feedback papers without a vector yet (text not known, or the endpoint failed): not counted. */
    missing: z.array(z.string()),
    /** Window papers (`${id}v${version}`), their points, and the feedback paper nearest each (-1: none). */
    papers: z.object({ refs: z.array(z.string()), points: z.array(z.number()), nearest: z.array(z.number().int()) }),
  })
  .refine((r) => r.papers.points.length === r.papers.refs.length && r.papers.nearest.length === r.papers.refs.length, {
    error: 'papers.refs, points and nearest must have one entry per paper',
  });
export type ProfileEmbedding = z.infer<typeof ProfileEmbeddingSchema>;

/** Identifies one state of a profile's lists (order included: recency weighs). */
export const feedbackKey = (feedback: { liked?: readonly string[]; disliked?: readonly string[] }) =>
  createHash('sha256')
    .update(JSON.stringify([feedback.liked ?? [], feedback.disliked ?? []]))
    .digest('base64url')
    .slice(0, 22);

/** The stored record, or null when missing, unreadable or of another scope. */
export function parseProfileEmbedding(raw: string | null, scope: string | null): ProfileEmbedding | null {
  if (raw === null || scope === null) return null;
  try {
    const parsed = ProfileEmbeddingSchema.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.scope === scope ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether the record's points were computed for exactly these lists. */
export const isCurrent = (record: ProfileEmbedding | null, feedback: Parameters<typeof feedbackKey>[0]): record is ProfileEmbedding =>
  record !== null && record.feedbackKey === feedbackKey(feedback);
