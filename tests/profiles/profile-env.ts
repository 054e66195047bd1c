/** A temp embedded store and clean env for the profile/OPML route tests, plus a few stored papers. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resetEnvCache } from '../../lib/env';
import type { Paper } from '../../lib/model/paper';
import { seedPaperToPaper } from '../../scripts/seed/seed-comparison';
import { getStore, resetStore } from '../../lib/store/open-store';
import { seedSnapshots } from '../score/score-helpers';
import { scrubEnv } from '../helpers/temp-env';

export async function useProfileEnv(extra: Record<string, string> = {}): Promise<void> {
  scrubEnv();
  Object.assign(process.env, { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'af-profiles-')), DISABLE_AUTO_INGEST: '1', STORE_PREFIX: 'af:', ...extra });
  resetEnvCache();
  await resetStore();
}

/** The first snapshot's 30 papers (one day, cs.* primaries), stored as that day's buckets. */
export const DAY = '2025-12-05';
export const storedPapers: Paper[] = seedSnapshots[0]!.papers.map(seedPaperToPaper);

export async function storeSeedDay(): Promise<void> {
  const bySource: Record<string, Paper[]> = {};
  for (const p of storedPapers) (bySource[p.categories[0]!] ??= []).push(p);
  await (await getStore()).commitDay(DAY, bySource, new Date(`${DAY}T01:00:00Z`));
}
