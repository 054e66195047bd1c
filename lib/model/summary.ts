/** A structured LLM summary of one paper version, as stored and rendered. */
import { z } from 'zod';

export const SummaryContentSchema = z.object({
  tldr: z.string(),
  contributions: z.array(z.string()),
  method: z.string(),
  results: z.string(),
  limitations: z.string(),
});
export type SummaryContent = z.infer<typeof SummaryContentSchema>;

export const StoredSummarySchema = z.object({
  paperId: z.string(),
  version: z.number().int(),
  language: z.string(),
  model: z.string(),
  promptVersion: z.string(),
  /** Structured output when the provider could do JSON; otherwise null and `text` holds the plain answer. */
  content: SummaryContentSchema.nullable(),
  text: z.string().optional(),
  createdAt: z.string(),
  tokens: z.number().int().min(0).default(0),
});
export type StoredSummary = z.infer<typeof StoredSummarySchema>;
