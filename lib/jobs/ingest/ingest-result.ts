/**
 * What an ingest run reports: counts (the same in the script's summary line, the cron route's JSON
 * and the run status), the outcome per source, and one human summary line.
 */
import type { Day } from '../../model/paper';

export type IngestCounts = {
  /** Items in arXiv's answer. */
  fetched: number;
  /** Papers not seen before. */
  new: number;
  /** Papers with a higher version than the one stored (replacements). */
  updated: number;
  /** Papers already stored with this version. */
  unchanged: number;
  /** Items matching no source, or unreadable. */
  skipped: number;
  /** Papers stored from the API history backfill (first start only). */
  backfilled: number;
};

export const emptyCounts = (): IngestCounts => ({ fetched: 0, new: 0, updated: 0, unchanged: 0, skipped: 0, backfilled: 0 });

export type SourceOutcome = { outcome: 'stored' | 'already-stored' | 'quiet' | 'failed'; papers: number };

export type IngestResult = {
  /**
   * ok: a day was stored; quiet: arXiv announced nothing (weekend, holiday); stale: arXiv still
   * serves a day already stored; failed: arXiv's answer was refused, nothing stored;
   * busy: another ingest held the lock until the deadline (nothing done, status untouched).
   */
  state: 'ok' | 'quiet' | 'stale' | 'failed' | 'busy';
  day?: Day;
  counts: IngestCounts;
  sources: string[];
  sourceOutcomes?: Record<string, SourceOutcome>;
  error?: string;
  /** First 200 bytes of a refused answer. */
  bodyStart?: string;
  detail: Record<string, unknown>;
  durationMs: number;
};

/** `ingest ok 2025-04-28: fetched 81 / new 50 / updated 31 / unchanged 0 / skipped 0 (1.2 s)` */
export function formatIngestSummary(result: IngestResult): string {
  const c = result.counts;
  const counts = `fetched ${c.fetched} / new ${c.new} / updated ${c.updated} / unchanged ${c.unchanged} / skipped ${c.skipped}`;
  const backfill = c.backfilled ? ` / backfilled ${c.backfilled}` : '';
  const day = result.day ? ` ${result.day}` : '';
  const why = result.error ? ` — ${result.error}` : '';
  return `ingest ${result.state}${day}: ${counts}${backfill} (${(result.durationMs / 1000).toFixed(1)} s)${why}`;
}

