/**
 * `npm run bench [-- --no-build] [--quick] [--only parse,score,ingest,store,serve,summaries,scale] [--no-write]`
 *
 * Measures what users feel and writes BENCHMARKS.md: feed serving on the production
 * server (embedded store and Redis) against a static file of the same size, store round trips and
 * bytes per request, ingest parse/end-to-end against a bare XML parse, scoring 100 profiles (keywords,
 * then with learned models: quality on the judged day, ranking and training cost),
 * LLM calls per summarize run, peak memory, and what feeds cost on a 35-day whole-arXiv store. Input is synthetic and deterministic
 * (scripts/bench/data). Not part of `npm test`; needs a Redis on 127.0.0.1:6379 for the Redis rows
 * (BENCH_REDIS_URL to change it), otherwise those rows say "pending".
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFakeArxiv } from './support/fake-arxiv';
import { openBackend, redisUnavailable, type BenchBackend, type BackendName } from './bench/backends';
import { benchFeedServer, STATIC_FILE } from './bench/bench-feed-server';
import { benchBigIngest, benchFillIngest, busyDays } from './bench/bench-ingest';
import { benchParse } from './bench/bench-parse';
import { benchScale } from './bench/bench-scale';
import { benchRelevance } from './bench/bench-relevance';
import { benchScore } from './bench/bench-score';
import { benchStore } from './bench/bench-store';
import { benchFullText } from './bench/bench-fulltext';
import { benchSummaries } from './bench/bench-summaries';
import { benchSummaryRate } from './bench/bench-summary-rate';
import { guarded, pending, type Figure } from './bench/harness';
import { buildNext, staleBuildReason } from './support/next-server';
import { consoleTable, describeMachine, writeBenchmarksMd } from './bench/report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PARTS = ['parse', 'score', 'ingest', 'store', 'serve', 'summaries', 'scale'] as const;

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});
const only = new Set(values.only ? values.only.split(',').map((s) => s.trim()) : PARTS);
const unknown = [...only].filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length) {
  console.error(`unknown --only part(s): ${unknown.join(', ')} (known: ${PARTS.join(', ')})`);
  process.exit(2);
}
const wants = (part: (typeof PARTS)[number]) => only.has(part);
const serveOptions = values.quick ? { rounds: 1, seconds: 2, connections: 10 } : { rounds: 3, seconds: 4, connections: 10 };

const log = (line: string) => console.log(line);
const staticPath = path.join(ROOT, 'public', STATIC_FILE);
// The static twin of the feed must never outlive the bench, even on Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    rmSync(staticPath, { force: true });
    process.exit(130);
  });

const started = Date.now();
const machine = describeMachine(ROOT);
log(`bench: ${machine.cpu} × ${machine.cores}, Node ${machine.node}, load ${machine.load}`);

const figures: Figure[] = [];
const arxiv = await startFakeArxiv();
const backends: BenchBackend[] = [];
try {
  if (wants('parse')) figures.push(...(await guarded('3 ingest (parse)', benchParse, log)));
  if (wants('score')) figures.push(...(await guarded('4 scoring', benchScore, log)));
  if (wants('score')) figures.push(...(await guarded('4b learned relevance', benchRelevance, log)));

  const needStore = wants('ingest') || wants('store') || wants('serve');
  const redisWhy = needStore || wants('summaries') ? await redisUnavailable() : null;
  const names: BackendName[] = redisWhy ? ['embedded'] : ['embedded', 'redis'];
  if (redisWhy) figures.push(pending('1-3 redis', 'every Redis figure', redisWhy));

  const days = busyDays();
  if (needStore) {
    for (const name of names) {
      const backend = await openBackend(name, 'feed');
      backends.push(backend);
      log(`filling the ${name} store with ${days.length} days…`);
      const filled = await guarded(`3 ingest (fill ${name})`, () => benchFillIngest(backend, arxiv, days), log);
      if (wants('ingest')) figures.push(...filled);
      if (filled.some((f) => f.status === 'pending')) backends.pop();
    }
  }
  if (wants('store')) for (const b of backends) figures.push(...(await guarded(`2 store (${b.name})`, () => benchStore(b), log)));

  // Serving and the server memory figure of section 6 (measured on the scale store) run `next start`.
  if (wants('serve') || wants('scale')) {
    const stale = staleBuildReason();
    if (stale && !values['no-build']) {
      log(`next build needed: ${stale}`);
      buildNext(log);
    }
  }
  if (wants('serve')) {
    if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) figures.push(pending('1 serving', 'feed serving', 'no .next build (run without --no-build)'));
    else
      for (const b of backends) {
        log(`serving benchmark on the ${b.name} store…`);
        figures.push(...(await guarded(`1 serving (${b.name})`, () => benchFeedServer(b, { root: ROOT, ...serveOptions, log }), log)));
      }
  }

  if (wants('ingest')) for (const name of names) figures.push(...(await guarded(`3 ingest (1,504 items, ${name})`, () => benchBigIngest(name, arxiv, ROOT), log)));
  if (wants('summaries')) {
    figures.push(...(await guarded('5 summaries', () => benchSummaries(arxiv, days[days.length - 1]!), log)));
    figures.push(...(await guarded('5 summaries (throughput)', () => benchSummaryRate(arxiv, days[days.length - 1]!), log)));
    figures.push(...(await guarded('5 summaries (full text)', benchFullText, log)));
  }
  if (wants('scale')) figures.push(...(await guarded('7 scale', () => benchScale(arxiv, log), log)));
} finally {
  for (const b of backends) await b.cleanup().catch(() => {});
  await arxiv.close();
  rmSync(staticPath, { force: true });
}

const order = (f: Figure) => Number.parseFloat(f.section) || 0;
figures.sort((a, b) => order(a) - order(b));
const seconds = (Date.now() - started) / 1000;
console.log(`\n${consoleTable(figures)}\n`);
for (const f of figures.filter((x) => x.status === 'MISS')) console.log(`MISS ${f.section} ${f.what}: ${f.note ?? ''}`);
const complete = only.size === PARTS.length && !values.quick;
if (!values['no-write'] && complete) {
  writeBenchmarksMd(path.join(ROOT, 'BENCHMARKS.md'), machine, figures, 'npm run bench', seconds);
  console.log('wrote BENCHMARKS.md');
} else console.log('BENCHMARKS.md not written (partial or --quick run)');
console.log(`bench took ${Math.round(seconds)} s`);
process.exit(0);
