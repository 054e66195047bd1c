/**
 * `npm run eval:relevance [-- <judgements.json>]` — how well the learned ranking finds what one
 * persona wants on a recorded day (scripts/eval/evaluate-relevance.ts says how). The judgements
 * come from the argument, else RELEVANCE_DATA, else shared/data/relevance-dev.json beside the clone; the day from
 * RELEVANCE_DAY_XML, else the fixture next to the judgements. Without them it says so in one line
 * and exits 0: the data is not part of a clone.
 */
import { CUTOFF, evaluateAllChoices, evaluateRelevance, LIKED_COUNT, loadRelevance, type RelevanceRow } from './eval/evaluate-relevance';

const line = (row: RelevanceRow) => `${row.name.padEnd(18)} ${row.precision.toFixed(3)}  ${row.ndcg.toFixed(3)}`;

const loaded = loadRelevance(process.argv[2]);
if ('missing' in loaded) {
  console.log(`eval:relevance: skipped, ${loaded.missing} is not there (pass a judgements file, or set RELEVANCE_DATA / RELEVANCE_DAY_XML)`);
} else {
  const report = evaluateRelevance(loaded.data, loaded.papers);
  console.log(`persona ${report.persona}: liked ${report.liked.join(', ')}; ranking the other ${report.ranked} papers (${report.relevant} graded ≥ 1)`);
  console.log(`${'ranking'.padEnd(18)} P@${CUTOFF}   nDCG@${CUTOFF}`);
  for (const row of report.rows) console.log(line(row));
  console.log(`training on the day (${report.ranked + report.liked.length} papers): ${report.trainMs.toFixed(1)} ms`);
  const all = evaluateAllChoices(loaded.data, loaded.papers);
  console.log(`mean over ${all.choices} choices of ${LIKED_COUNT} core papers to like (not one fixed choice):`);
  for (const row of all.rows) console.log(line(row));
}
