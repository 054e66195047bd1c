/**
 * Fills a store from tests/fixtures/preview/store-seed.json the way an ingest would: one bucket per
 * (category, day) through Store.commitDay, a summary, and an `ok` ingest status.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../../lib/model/paper';
import type { StoredSummary } from '../../lib/model/summary';
import type { RunStatus, Store } from '../../lib/store/store';
import { summaryScope, type ScopeEnv } from '../../lib/summarize/summary-scope';

export const SEED_FILE = fileURLToPath(new URL('../fixtures/preview/store-seed.json', import.meta.url));
export const SEED_SOURCES = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'];

type Seed = { days: Record<string, Paper[]>; summary: StoredSummary };
export const readSeed = (): Seed => JSON.parse(readFileSync(SEED_FILE, 'utf8')) as Seed;

/** Buckets per source, as arXiv lists a cross-listed paper under each of its categories. */
export function bucketsOf(papers: Paper[]): Record<string, Paper[]> {
  const out: Record<string, Paper[]> = {};
  for (const source of SEED_SOURCES) {
    const members = papers.filter((p) => p.categories.includes(source));
    if (members.length) out[source] = members;
  }
  return out;
}

/** The summary is stored under the scope a server with this env reads (its provider host is part of it). */
export async function seedStore(store: Store, ingest: Partial<RunStatus> = {}, scopeEnv: ScopeEnv = { SUMMARY_MODEL: 'gpt-4o-mini' }): Promise<Seed> {
  const seed = readSeed();
  const days = Object.keys(seed.days).sort();
  for (const day of days) await store.commitDay(day, bucketsOf(seed.days[day]!), new Date(`${day}T06:00:00Z`));
  const newest = days.at(-1)!;
  await store.putSummary(seed.summary, newest, summaryScope('en', scopeEnv));
  await store.putStatus({
    kind: 'ingest',
    state: 'ok',
    startedAt: `${newest}T05:59:00.000Z`,
    finishedAt: `${newest}T06:00:00.000Z`,
    counts: { papers: seed.days[newest]!.length },
    ...ingest,
  });
  return seed;
}
