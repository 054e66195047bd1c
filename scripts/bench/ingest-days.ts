/**
 * Fills a backend the way production does: the real ingest job (runIngest) fetching each day's
 * RSS from a local arXiv stand-in (tests/helpers/fake-arxiv.ts, arXiv's wire format) and
 * committing it. Returns the wall time of each run, i.e. end-to-end ingest time.
 */
import { performance } from 'node:perf_hooks';
import { runIngest } from '../../lib/jobs/ingest/run-ingest';
import type { FakeArxiv } from '../support/fake-arxiv';
import type { BenchBackend } from './backends';
import type { BenchDay } from './data/bench-days';

export type IngestRun = { day: string; ms: number; papers: number; bytes: number };

export async function ingestDay(backend: BenchBackend, arxiv: FakeArxiv, day: BenchDay, sources: string[]): Promise<IngestRun> {
  arxiv.setRss(day.xml);
  const env = backend.env({ ...arxiv.env(), ARXIV_CATEGORIES: sources.join(','), ARXIV_MIN_INTERVAL_MS: '0' });
  const start = performance.now();
  const result = await runIngest(
    { store: backend.store, env },
    { now: new Date(`${day.day}T11:00:00Z`), deadline: Date.now() + 120_000, backfill: false },
  );
  const elapsed = performance.now() - start;
  if (result.state !== 'ok') throw new Error(`ingest of ${day.day} on ${backend.name}: ${result.state} ${result.error ?? ''}`);
  return { day: day.day, ms: elapsed, papers: result.counts.fetched, bytes: day.xml.length };
}

export async function ingestDays(backend: BenchBackend, arxiv: FakeArxiv, days: BenchDay[], sources: string[]): Promise<IngestRun[]> {
  const runs: IngestRun[] = [];
  for (const day of days) runs.push(await ingestDay(backend, arxiv, day, sources));
  return runs;
}
