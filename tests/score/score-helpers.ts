/** Small builders for scoring tests: papers with real titles/abstracts, fixed dates. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Paper } from '../../lib/model/paper';
import type { RankRules } from '../../lib/score/rank-papers';
import type { SeedSnapshot } from '../../scripts/seed/seed-comparison';

export const seedSnapshots: SeedSnapshot[] = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-snapshots.json'), 'utf8'),
).snapshots;

let n = 0;
export function paper(title: string, abstract = '', overrides: Partial<Paper> = {}): Paper {
  n++;
  return {
    id: `2512.${String(10000 + n)}`,
    version: 1,
    title,
    abstract,
    authors: ['A. Author'],
    categories: ['cs.LG'],
    announceType: 'new',
    announced: '2025-12-05',
    firstAnnounced: '2025-12-05',
    ...overrides,
  };
}

export const rules = (r: Partial<RankRules>): RankRules => ({ keywords: [], exclude: [], authors: [], min_score: 0, limit: 50, ...r });
