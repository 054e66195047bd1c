/**
 * What a summary is made from, decided before the LLM call: with full text on, the paper's body
 * (or the abstract, with the reason recorded); and when a stored summary had to make do with the
 * abstract, whether to look again. An abstract summary is upgraded once the full text can be had
 * (the HTML rendering appeared, arXiv answers again): looked for again after
 * FULLTEXT_RECHECK_HOURS, FULLTEXT_MAX_ATTEMPTS times in all, and only for reasons that can
 * change (`missing`, `failed`; a file too large or unreadable stays so for that version). A
 * summary made from the full text is never made again.
 */
import type { FullTextMissReason, StoredSummary } from '../../model/summary';
import { listedCuts, summarySource } from '../../model/summary';
import { FULLTEXT_PROMPT_VERSION, PROMPT_VERSION } from '../summary-scope';
import type { FullTextSettings } from './full-text-settings';
import { loadFullText, type FullTextBody } from './load-full-text';
import type { PaperCost } from './paper-cost';

/** Just under a day, so the daily summarize cron looks again the next day. */
export const FULLTEXT_RECHECK_HOURS = 20;
/** The first attempt included: about two more days of looking. */
export const FULLTEXT_MAX_ATTEMPTS = 3;
const RECHECKED: FullTextMissReason[] = ['missing', 'failed'];
/** Downloads end this long before the run's deadline: the LLM call after them needs the time. */
export const FULLTEXT_CALL_WINDOW_MS = 15_000;

/** Whether a stored summary is an abstract stand-in worth another look for its full text now. */
export function wantsFullText(stored: StoredSummary, settings: FullTextSettings | undefined, now: Date): boolean {
  const miss = stored.fullTextMiss;
  if (!settings || !miss || summarySource(stored) !== 'abstract') return false;
  const dueMs = Date.parse(miss.checkedAt) + FULLTEXT_RECHECK_HOURS * 3_600_000;
  return RECHECKED.includes(miss.reason) && miss.attempts < FULLTEXT_MAX_ATTEMPTS && !(now.getTime() < dueMs);
}

/** The stored-summary fields that say what the summary was made from. */
export type SourceFields = Pick<StoredSummary, 'promptVersion' | 'source' | 'fullTextMiss'> & { input?: Omit<NonNullable<StoredSummary['input']>, 'chars'> };

export type PreparedInput = { cost: PaperCost } & (
  /** Call the LLM with this body (null: title and abstract). */
  | { kind: 'ready'; body: FullTextBody | null; fields: SourceFields }
  /** A second look found no full text either: the stored summary with its look recorded; no call. */
  | { kind: 'unchanged'; summary: StoredSummary }
  | { kind: 'deadline' }
);

const NO_COST: PaperCost = { downloads: 0, bytes: 0, chars: 0 };

/**
 * Downloads and cuts the body when full text is on. `previous` is the abstract summary being
 * upgraded, if any; `deadlineMs` is when the downloads must be done (the call still needs time).
 */
export async function prepareInput(
  settings: FullTextSettings | undefined,
  paper: { id: string; version: number },
  previous: StoredSummary | null,
  now: Date,
  deadlineMs: number,
): Promise<PreparedInput> {
  if (!settings) return { kind: 'ready', body: null, fields: { promptVersion: PROMPT_VERSION }, cost: NO_COST };
  const load = await loadFullText(paper, settings, deadlineMs);
  const cost: PaperCost = { ...NO_COST, downloads: load.cost.downloads, bytes: load.cost.bytes };
  if (load.kind === 'deadline') return { kind: 'deadline', cost };
  const input = { downloads: load.cost.downloads, bytes: load.cost.bytes };
  if (load.kind === 'body') {
    const fields: SourceFields = { promptVersion: FULLTEXT_PROMPT_VERSION, source: load.body.source, input: { ...input, ...(load.body.cut.length ? { cut: listedCuts(load.body.cut) } : {}) } };
    return { kind: 'ready', body: load.body, fields, cost: { ...cost, source: load.body.source } };
  }
  const attempts = (previous?.fullTextMiss?.attempts ?? 0) + 1;
  const fullTextMiss = { reason: load.reason, checkedAt: now.toISOString(), attempts };
  if (previous) return { kind: 'unchanged', summary: { ...previous, fullTextMiss }, cost };
  return { kind: 'ready', body: null, fields: { promptVersion: PROMPT_VERSION, source: 'abstract', fullTextMiss, input }, cost: { ...cost, source: 'abstract' } };
}
