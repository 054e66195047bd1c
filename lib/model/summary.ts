/**
 * A structured LLM summary of one paper version, as stored and rendered. Summaries made from the
 * full text (SUMMARY_SOURCE=fulltext) carry more sections and say which text they were made from;
 * every added field is optional, so summaries stored before full text existed still parse.
 */
import { z } from 'zod';

/** What the abstract prompt asks for (and its structured-output schema: every field required). */
export const SummaryContentSchema = z.object({
  tldr: z.string(),
  contributions: z.array(z.string()),
  method: z.string(),
  results: z.string(),
  limitations: z.string(),
});
export type SummaryContent = z.infer<typeof SummaryContentSchema>;

/** The experimental setup as the paper states it; "Not stated." where it does not. */
export const ExperimentSetupSchema = z.object({
  datasets: z.string(),
  environment: z.string(),
  configuration: z.string(),
  metrics: z.string(),
  baselines: z.string(),
});
export type ExperimentSetup = z.infer<typeof ExperimentSetupSchema>;

/** What the full-text prompt asks for: strict structured output wants every field required. */
export const FullTextContentSchema = SummaryContentSchema.extend({
  problem: z.string(),
  setup: ExperimentSetupSchema,
  conclusions: z.string(),
  futureWork: z.string(),
});

/**
 * A summary's content as stored: the abstract fields, plus the full-text ones when they were
 * made. A provider that leaves some out (JSON mode without a strict schema) still gives a summary.
 */
export const StoredContentSchema = SummaryContentSchema.extend({
  problem: z.string().optional(),
  setup: ExperimentSetupSchema.partial().optional(),
  conclusions: z.string().optional(),
  futureWork: z.string().optional(),
});
export type StoredContent = z.infer<typeof StoredContentSchema>;

/** Which text a summary was made from: arXiv's HTML rendering, the PDF, or title and abstract. */
export const SummarySourceSchema = z.enum(['abstract', 'fulltext-html', 'fulltext-pdf']);
export type SummarySource = z.infer<typeof SummarySourceSchema>;

/** Why the full text was not used although it was asked for. */
export const FullTextMissReasonSchema = z.enum([
  /** Neither an HTML rendering nor a PDF (404/410): may appear later. */
  'missing',
  /** Over SUMMARY_FULLTEXT_MAX_BYTES: this version will not shrink. */
  'too-large',
  /** Downloaded but no usable text in it (an error page, a scanned PDF). */
  'unreadable',
  /** arXiv did not answer usably within the retries (5xx, timeout, network). */
  'failed',
]);
export type FullTextMissReason = z.infer<typeof FullTextMissReasonSchema>;

/** Set on an abstract summary made in place of a full-text one: when to look for the full text again. */
export const FullTextMissSchema = z.object({
  reason: FullTextMissReasonSchema,
  /** ISO time of the last download attempt. */
  checkedAt: z.string(),
  /** Download attempts so far (the first included). */
  attempts: z.number().int().min(1),
});
export type FullTextMiss = z.infer<typeof FullTextMissSchema>;

/** What the text sent to the model cost to get: requests to arXiv, bytes downloaded, characters sent. */
export const SummaryInputSchema = z.object({
  downloads: z.number().int().min(0),
  bytes: z.number().int().min(0),
  chars: z.number().int().min(0),
  /** Sections left out or shortened to stay within SUMMARY_FULLTEXT_MAX_CHARS. */
  cut: z.array(z.string()).optional(),
});
export type SummaryInput = z.infer<typeof SummaryInputSchema>;

export const StoredSummarySchema = z.object({
  paperId: z.string(),
  version: z.number().int(),
  language: z.string(),
  model: z.string(),
  promptVersion: z.string(),
  /** Structured output when the provider could do JSON; otherwise null and `text` holds the plain answer. */
  content: StoredContentSchema.nullable(),
  text: z.string().optional(),
  createdAt: z.string(),
  tokens: z.number().int().min(0).default(0),
  /** Absent on summaries made before full text existed: those were made from the abstract. */
  source: SummarySourceSchema.optional(),
  /** Present when the full text was asked for but the abstract had to do. */
  fullTextMiss: FullTextMissSchema.optional(),
  input: SummaryInputSchema.optional(),
});
export type StoredSummary = z.infer<typeof StoredSummarySchema>;

/** The text a summary was made from; old summaries without the field were made from the abstract. */
export const summarySource = (summary: Pick<StoredSummary, 'source'>): SummarySource => summary.source ?? 'abstract';

// ---- size caps --------------------------------------------------------------------------------
// A summary is read with every feed of its day (the day index holds them all), so one runaway
// answer (megabytes from a model or proxy that ignores max_tokens) once made every feed of a day
// 105-210 MB. The caps sit above the longest answer max_tokens allows (request-summary.ts:
// 1,200 tokens from the abstract, 3,000 from the full text, at up to ~2 CJK characters of 3 UTF-8
// bytes per token), so only an answer that ignored its max_tokens is refused.

/** Characters of one text field (a TL;DR, a method, one contribution, one setup entry). */
export const MAX_SUMMARY_FIELD_CHARS = 2_000;
/** Items of a list field (contributions). */
export const MAX_SUMMARY_LIST_ITEMS = 10;
/** UTF-8 bytes of a whole stored summary made from the abstract (a plain-text answer included). */
export const MAX_SUMMARY_BYTES = 8 * 1024;
/** The same for one made from the full text: twice the sections, the input record, the cut sections. */
export const MAX_FULLTEXT_SUMMARY_BYTES = 20 * 1024;
/** Cut sections a summary's input record lists (their headings come from the paper, at any length). */
export const MAX_LISTED_CUTS = 20;
export const MAX_CUT_LABEL_CHARS = 100;

/** `cut` as stored: the first MAX_LISTED_CUTS labels, each shortened, then how many more. */
export function listedCuts(cut: readonly string[]): string[] {
  const listed = cut.slice(0, MAX_LISTED_CUTS).map((c) => (c.length > MAX_CUT_LABEL_CHARS ? `${c.slice(0, MAX_CUT_LABEL_CHARS - 1)}…` : c));
  return cut.length > MAX_LISTED_CUTS ? [...listed, `(${cut.length - MAX_LISTED_CUTS} more)`] : listed;
}

/** The content's texts by name (`contributions[1]`, `setup.metrics`), for the field cap. */
function contentTexts(content: StoredContent): [string, string][] {
  const { contributions, setup, ...texts } = content;
  return [
    ...Object.entries(texts).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ...contributions.map((c, i): [string, string] => [`contributions[${i}]`, c]),
    ...Object.entries(setup ?? {}).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[`setup.${k}`, v]] : [])),
  ];
}

/** Why `summary` is too large to store, saying what was received and the cap; null when it fits. */
export function summaryTooLarge(summary: StoredSummary): string | null {
  const content = summary.content;
  if (content && content.contributions.length > MAX_SUMMARY_LIST_ITEMS)
    return `answer too large: contributions has ${content.contributions.length} items (at most ${MAX_SUMMARY_LIST_ITEMS})`;
  const long = content ? contentTexts(content).find(([, text]) => text.length > MAX_SUMMARY_FIELD_CHARS) : undefined;
  if (long) return `answer too large: ${long[0]} has ${long[1].length} characters (at most ${MAX_SUMMARY_FIELD_CHARS})`;
  const cap = summarySource(summary) === 'abstract' ? MAX_SUMMARY_BYTES : MAX_FULLTEXT_SUMMARY_BYTES;
  const bytes = new TextEncoder().encode(JSON.stringify(summary)).length;
  const text = summary.text === undefined ? '' : `, its text ${summary.text.length} characters`;
  return bytes > cap ? `answer too large: the summary is ${bytes} bytes${text} (at most ${cap})` : null;
}
