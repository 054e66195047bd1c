/**
 * What a saved profile's learned ranking stores, trained when its feedback changes and read by
 * every feed request: a linear classifier over term vectors (term-vector.ts), keeping only its
 * largest weights, and a short sketch of each liked and disliked paper (its strongest terms and
 * title) for the "like <title>" explanation, the dislike penalty, and retraining once the paper
 * has left the store's window. Terms are spelled out, not hashed, so a stored model stays
 * readable and independent of the hash function's details.
 */
import { z } from 'zod';

/** Most points the likes add to a paper's score (as much as two keywords in the title). */
export const LIKE_MAX_POINTS = 3;
/** Most points a "less like this" takes away from a paper resembling it. */
export const DISLIKE_MAX_POINTS = 3;
/** Classifier weights kept (the largest by magnitude); the rest move scores by less than rounding. */
export const MAX_MODEL_TERMS = 1_500;
/** Terms kept per feedback paper. */
export const SKETCH_TERMS = 16;
export const MAX_SKETCH_TITLE_CHARS = 200;
/** Longest term kept: two words of a long chemical or code name, no more. */
export const MAX_TERM_CHARS = 80;

export const MODEL_FORMAT = 1;

const TermWeightSchema = z.tuple([z.string().min(1).max(MAX_TERM_CHARS), z.number()]);
export type TermWeight = z.infer<typeof TermWeightSchema>;

export const PaperSketchSchema = z.object({
  id: z.string().min(1),
  title: z.string().max(MAX_SKETCH_TITLE_CHARS),
  /** The paper's strongest training features (tf-idf in the model's scale), largest first. */
  terms: z.array(TermWeightSchema).max(SKETCH_TERMS),
  /** The paper's similarity to itself over these terms, so a paper's similarity to its own sketch is 1. */
  self: z.number().positive(),
});
export type PaperSketch = z.infer<typeof PaperSketchSchema>;

export const ClassifierSchema = z.object({
  bias: z.number(),
  /** Decision value of the median sampled window paper: no points at or below it. */
  low: z.number(),
  /** Decision value at the sampled window's 95th percentile: tanh(1) ≈ 76 % of the points there. */
  high: z.number(),
  /** Weights on a paper's unit-length sublinear tf (idf folded in), largest magnitude first. */
  weights: z.array(TermWeightSchema).max(MAX_MODEL_TERMS),
});
export type Classifier = z.infer<typeof ClassifierSchema>;

export const LearnedModelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  trainedAt: z.string(),
  /** Null without any liked paper found (dislikes alone only push papers down). */
  classifier: ClassifierSchema.nullable(),
  liked: z.array(PaperSketchSchema),
  disliked: z.array(PaperSketchSchema),
  /** Feedback ids whose text was neither in the window nor in the previous model: not learned from yet. */
  notFound: z.array(z.string()),
  /** What the model was fitted on. */
  window: z.object({ papers: z.number().int(), negatives: z.number().int() }),
});
export type LearnedModel = z.infer<typeof LearnedModelSchema>;
