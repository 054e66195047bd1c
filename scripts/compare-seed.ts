/**
 * Prints how the seed bot's 150 scored papers (tests/fixtures/seed-snapshots.json, CC0 arXiv
 * metadata) rank under our scoring against the seed's own scores: Spearman and Kendall rank
 * correlation per snapshot and overall, and the papers that moved most, with the reason.
 * Usage: npx tsx scripts/compare-seed.ts [--movers N]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareAll, type SeedSnapshot } from './seed/seed-comparison';

const file = path.join(import.meta.dirname, '..', 'tests', 'fixtures', 'seed-snapshots.json');
const snapshots = (JSON.parse(readFileSync(file, 'utf8')) as { snapshots: SeedSnapshot[] }).snapshots;
const moversShown = Number(process.argv[process.argv.indexOf('--movers') + 1]) || 10;
const { perSnapshot, overall, movers } = compareAll(snapshots);
const f = (x: number) => x.toFixed(3);

console.log('Abstracts in the snapshots are cut at ~300 characters, so "ours" is the seed\'s full-text score moved by');
console.log('the difference the rules make on the visible text (seed + ours(snippet) - seed rule(snippet)).\n');
console.log('snapshot                  papers  spearman  kendall-b  | same snippet: seed rule vs ours  | raw: seed vs ours(snippet)');
const row = (name: string, n: number, s: { spearman: number; kendall: number; spearmanSameText: number; spearmanRaw: number }) =>
  console.log(`${name.padEnd(26)}${String(n).padStart(6)}  ${f(s.spearman).padStart(8)}  ${f(s.kendall).padStart(9)}  | ${f(s.spearmanSameText).padStart(31)}  | ${f(s.spearmanRaw).padStart(8)}`);
for (const s of perSnapshot) row(s.snapshot, s.papers.length, s);
row('overall (pooled)', overall.papers, overall);
console.log(`\nseed top-10 papers still in our top 10, per snapshot: ${overall.unchangedTop10.join(', ')}`);
console.log(`keyword hits on the snippets: seed rule ${overall.seedHits}, of which ${overall.lostHits} (${f((100 * overall.lostHits) / overall.seedHits)} %) only inside other words; ${overall.gainedHits} found only by our rules`);
console.log(`\nscores that differ from the seed's rule on the same text: ${overall.scoreChanged}/${overall.papers}; removed by exclude terms: ${overall.excluded}`);
console.log(`\nbiggest movers (rank within its snapshot's 30, seed → ours):`);
for (const p of movers.slice(0, moversShown)) {
  console.log(`  ${p.id}  ${String(p.seedRank).padStart(2)} → ${String(p.ourRank).padStart(2)}  seed ${p.seedScore} → ${p.adjustedScore ?? 'excluded'}  ${p.title.slice(0, 70)}`);
  for (const r of p.reasons) console.log(`      ${r}`);
}
