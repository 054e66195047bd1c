/**
 * `npm run eval:relevance [-- <judgements.json>]` — how well the learned ranking finds what one
 * persona wants on a recorded day (scripts/eval/evaluate-relevance.ts). The judgements come from
 * the argument, else RELEVANCE_DATA, else ../shared/data/relevance-dev.json; the recorded day from
 * RELEVANCE_DAY_XML, else ../fixtures/arxiv/rss/aioarxiv_2024-11-28_rss_all_archives.xml next to
 * the judgements. Without them it says so in one line and exits 0: the data is not part of a clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CUTOFF, evaluateRelevance, gradedPapers, RelevanceDataSchema } from './eval/evaluate-relevance';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dataPath = path.resolve(process.argv[2] || process.env.RELEVANCE_DATA || path.join(ROOT, '../shared/data/relevance-dev.json'));
const xmlPath = path.resolve(
  process.env.RELEVANCE_DAY_XML || path.join(path.dirname(dataPath), '../fixtures/arxiv/rss/aioarxiv_2024-11-28_rss_all_archives.xml'),
);

const absent = [dataPath, xmlPath].find((p) => !existsSync(p));
if (absent) {
  console.log(`eval:relevance: skipped, ${absent} is not there (pass a judgements file or set RELEVANCE_DATA / RELEVANCE_DAY_XML)`);
} else {
  const data = RelevanceDataSchema.parse(JSON.parse(readFileSync(dataPath, 'utf8')));
  const report = evaluateRelevance(data, gradedPapers(data, readFileSync(xmlPath, 'utf8')));
  console.log(`persona ${report.persona}: liked ${report.liked.join(', ')}; ranking the other ${report.ranked} papers (${report.relevant} graded ≥ 1)`);
  console.log(`${'ranking'.padEnd(18)} P@${CUTOFF}   nDCG@${CUTOFF}`);
  for (const row of report.rows) console.log(`${row.name.padEnd(18)} ${row.precision.toFixed(3)}  ${row.ndcg.toFixed(3)}`);
  console.log(`training on the day (${report.ranked + report.liked.length} papers): ${report.trainMs.toFixed(1)} ms`);
}
