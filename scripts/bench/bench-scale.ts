/**
 * 7. What a feed costs at scale: a 35-day whole-arXiv store (20 archives + 20 categories, so a
 * category and its archive are both stored) filled through the real ingest, then cache misses
 * of wide and narrow feeds through the feed's own code path (serveFeed) on a fresh Store each
 * (no process cache): bytes read, store commands, days served against days asked, whether a
 * shortfall is said, warm and 304 bytes, and the largest single reply over Upstash's REST
 * protocol (the local stand-in on the same Redis, which measures every HTTP reply).
 * 6c. On the same store: a production server's memory over 1,000 distinct feeds (bench-server-memory.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseAnnouncements } from '../../lib/arxiv/parse-announcements';
import { FeedCache } from '../../lib/feed/feed-cache';
import { parseFeedQuery } from '../../lib/feed/feed-query';
import { serveFeed } from '../../lib/feed/serve-feed';
import { getDefaultProfile } from '../../lib/select/default-profile';
import type { Paper } from '../../lib/model/paper';
import { encodeBucket, paperOwners } from '../../lib/store/bucket-parts';
import type { KvDriver } from '../../lib/store/driver';
import { Store } from '../../lib/store/store';
import { createVercelKvDriver } from '../../lib/store/vercel-kv-driver';
import { countingDriver } from '../support/counting-driver';
import type { FakeArxiv } from '../support/fake-arxiv';
import { startFakeUpstash } from '../support/fake-upstash';
import { REDIS_URL, redisUnavailable, openBackend, type BenchBackend } from './backends';
import { ALL_ARCHIVES } from './data/bench-days';
import { FEED_QUERY_KEYWORDS } from './data/build-profiles';
import { SCALE_CATEGORIES, SCALE_SOURCES, scaleDay, scaleDays } from './data/scale-days';
import { benchServerMemory } from './bench-server-memory';
import { figure, fmt, guarded, mb, ms, type Figure } from './harness';
import { ingestDay } from './ingest-days';

const SECTION = '7 scale';
/** A recorded real arXiv day, to compare how its text compresses with the synthetic one (optional, as in section 3). */
const RECORDED_DAY = process.env.BENCH_RECORDED_RSS ?? '';
const KEYWORDS = FEED_QUERY_KEYWORDS.join(',');

/** The feeds measured: [label, query string (empty = the default profile)]. */
export const SCALE_QUERIES: [string, string][] = [
  ['`cats=cs&days=7&limit=500`', 'cats=cs&days=7&limit=500'],
  ['`cats=cs&days=7&limit=500` + 10 keywords', `cats=cs&days=7&limit=500&q=${encodeURIComponent(KEYWORDS)}`],
  ['default profile (`/api/feed`, days=1)', ''],
  ['`cats=cs.LG&days=30`', 'cats=cs.LG&days=30'],
  ['`cats=cs.LG&days=30` + 10 keywords', `cats=cs.LG&days=30&q=${encodeURIComponent(KEYWORDS)}`],
  ['`cats=cs&days=7` + 10 keywords', `cats=cs&days=7&q=${encodeURIComponent(KEYWORDS)}`],
  ['20 categories, days=7 + 10 keywords', `cats=${SCALE_CATEGORIES.join(',')}&days=7&q=${encodeURIComponent(KEYWORDS)}`],
  ['all 20 archives, days=30 + 10 keywords (over the ranked budget)', `cats=${ALL_ARCHIVES.join(',')}&days=30&q=${encodeURIComponent(KEYWORDS)}`],
];

type Miss = { bytes: number; calls: string[]; asked: number; served: number; notice: string | null; ms: number; status: number; etag: string };

type World = { backend: BenchBackend; prefix: string; env: ReturnType<BenchBackend['env']>; driver: () => KvDriver };

/** One request through serveFeed on `store` with a fresh feed cache unless one is given. */
async function request(world: World, store: Store, query: string, cache = new FeedCache(), headers: Record<string, string> = {}) {
  const url = `http://127.0.0.1:3000/api/feed?${query ? `${query}&` : ''}format=json`;
  const { profile, format } = parseFeedQuery(new URL(url), getDefaultProfile(world.env));
  const response = await serveFeed({ store, profile, format, request: new Request(url, { headers }), env: world.env, cache });
  return { response, body: await response.text(), profile };
}

async function measureMiss(world: World, query: string, store?: Store): Promise<Miss> {
  const counting = countingDriver(world.driver());
  const fresh = store ?? new Store(counting, world.prefix);
  const started = performance.now();
  const { response, body, profile } = await request(world, fresh, query);
  const elapsed = performance.now() - started;
  const days = response.status === 200 ? ((JSON.parse(body) as { _arxiv?: { days?: string[] } })._arxiv?.days ?? []) : [];
  return {
    bytes: counting.bytesRead,
    calls: [...counting.calls],
    asked: profile.days,
    served: days.length,
    notice: response.headers.get('x-feed-notice'),
    ms: elapsed,
    status: response.status,
    etag: response.headers.get('etag') ?? '',
  };
}

async function fill(backend: BenchBackend, arxiv: FakeArxiv, log: (l: string) => void): Promise<number> {
  const days = scaleDays();
  const started = performance.now();
  let papers = 0;
  for (const [i, day] of days.entries()) papers += (await ingestDay(backend, arxiv, scaleDay(day, i), SCALE_SOURCES)).papers;
  log(`  scale store: ${days.length} days, ${fmt(papers)} items ingested in ${fmt((performance.now() - started) / 1000, 1)} s`);
  return papers;
}

function missFigures(results: [string, Miss][]): Figure[] {
  const byLabel = new Map(results);
  const cs = byLabel.get(SCALE_QUERIES[0]![0])!;
  const csRanked = byLabel.get(SCALE_QUERIES[1]![0])!;
  const dflt = byLabel.get(SCALE_QUERIES[2]![0])!;
  const rows: Figure[] = [
    figure({ section: SECTION, what: `bytes read per cache miss, ${SCALE_QUERIES[0]![0]} (no keywords)`, value: mb(cs.bytes), target: { op: '<=', limit: 2, on: cs.bytes / 1024 / 1024, unit: 'MB' }, note: `${cs.calls.length} store calls (${cs.calls.join(', ')}), ${ms(cs.ms)} in-process.` }),
    figure({ section: SECTION, what: `bytes read per cache miss, ${SCALE_QUERIES[1]![0]}`, value: mb(csRanked.bytes), note: `ranking needs every candidate's title and abstract; ${csRanked.calls.length} store calls, ${ms(csRanked.ms)} in-process.` }),
    figure({ section: SECTION, what: `bytes read per cache miss, ${SCALE_QUERIES[2]![0]}, \`cs\` and its categories both stored`, value: mb(dflt.bytes), target: { op: '<=', limit: 0.5, on: dflt.bytes / 1024 / 1024, unit: 'MB' }, note: `${dflt.calls.length} store calls (${dflt.calls.join(', ')}), ${ms(dflt.ms)} in-process.` }),
  ];
  for (const [label, m] of results.slice(3)) {
    // Only a notice about days counts (a feed may carry others, e.g. papers past the limit).
    const toldDays = Boolean(m.notice && /announcement day/i.test(m.notice));
    const said = m.served < m.asked ? (toldDays ? 'said in the feed' : 'NOT said') : 'all';
    rows.push(
      figure({
        section: SECTION,
        what: `days served of days asked, ${label}`,
        value: `${m.served} of ${m.asked} (${said})`,
        target: { op: '==', limit: 1, on: m.served === m.asked || toldDays ? 1 : 0, text: 'all, or a notice' },
        note: `${mb(m.bytes)} read, ${m.calls.length} store calls, ${ms(m.ms)} in-process${toldDays && m.served < m.asked ? `; notice: "${m.notice!.slice(0, 240)}"` : ''}.`,
      }),
    );
  }
  return rows;
}

async function warmFigures(world: World): Promise<Figure[]> {
  const counting = countingDriver(world.driver());
  const store = new Store(counting, world.prefix);
  const cache = new FeedCache();
  const first = await request(world, store, '', cache);
  const etag = first.response.headers.get('etag') ?? '';
  counting.resetCounts();
  await request(world, store, '', cache);
  const warm = { bytes: counting.bytesRead, calls: [...counting.calls] };
  counting.resetCounts();
  const notModified = await request(world, store, '', cache, { 'if-none-match': etag });
  const revalidate = { bytes: counting.bytesRead, calls: [...counting.calls], status: notModified.response.status };
  const worst = Math.max(warm.bytes, revalidate.bytes);
  return [
    figure({
      section: SECTION,
      what: 'bytes read per warm request / 304, default profile',
      value: `${fmt(warm.bytes)} B / ${fmt(revalidate.bytes)} B (${revalidate.status})`,
      target: { op: '<=', limit: 1024, on: worst, unit: 'B' },
      note: `warm: ${warm.calls.join(', ')}; 304: ${revalidate.calls.join(', ')}: only the versions the cached feed was built from are read.`,
    }),
  ];
}

/** Store commands of a 20-category miss after the same process already served it once (registration must not repeat). */
async function registrationFigure(world: World): Promise<Figure> {
  const counting = countingDriver(world.driver());
  const store = new Store(counting, world.prefix);
  const query = SCALE_QUERIES[6]![1];
  await request(world, store, query);
  counting.resetCounts();
  await request(world, store, query);
  const writes = counting.calls.filter((c) => /^(h?set|mset|hsetMany|incr|del)/.test(c));
  return figure({
    section: SECTION,
    what: 'store commands of a repeated 20-category cache miss (16 categories not in ARXIV_CATEGORIES)',
    value: `${counting.calls.length} (${writes.length} writes)`,
    target: { op: '==', limit: 0, on: writes.length, text: '0 writes' },
    note: `calls: ${counting.calls.join(', ')}; a requested category is registered at most once a day per process.`,
  });
}

async function replyFigure(world: World): Promise<Figure> {
  const upstash = await startFakeUpstash(REDIS_URL);
  try {
    let largest = { bytes: 0, label: '' };
    let requests = 0;
    for (const [label, query] of SCALE_QUERIES) {
      const driver = createVercelKvDriver(upstash.url, upstash.token);
      upstash.reset();
      await request(world, new Store(driver, world.prefix), query);
      requests = Math.max(requests, upstash.requests);
      const max = Math.max(0, ...upstash.replyBytes);
      if (max > largest.bytes) largest = { bytes: max, label };
      await driver.close();
    }
    return figure({
      section: SECTION,
      what: 'largest single store reply of those misses (Vercel KV / Upstash REST, HTTP body)',
      value: mb(largest.bytes),
      target: { op: '<=', limit: 1, on: largest.bytes / 1024 / 1024, unit: 'MB' },
      note: `largest for ${largest.label}; at most ${requests} HTTP requests per miss. Upstash refuses replies over its request size limit.`,
    });
  } finally {
    await upstash.close();
  }
}

/** Stored bytes ÷ JSON bytes of one day's papers laid out as one bucket (compressed parts + rows). */
function storedRatio(papers: Paper[]): number {
  const bucket = encodeBucket('all', papers, paperOwners({ all: papers }));
  const stored = bucket.rows.length + bucket.parts.reduce((n, p) => n + p.value.length, 0);
  return stored / bucket.bytes;
}

function compressionFigure(syntheticXml: string): Figure {
  const synthetic = storedRatio(parseAnnouncements(syntheticXml, 'bench').papers);
  const recorded = RECORDED_DAY && existsSync(RECORDED_DAY) ? storedRatio(parseAnnouncements(readFileSync(RECORDED_DAY, 'utf8'), RECORDED_DAY).papers) : null;
  return figure({
    section: SECTION,
    what: 'stored size of a day ÷ its JSON (brotli + base64 parts, plus rows), synthetic scale day',
    value: fmt(synthetic, 2),
    note:
      recorded === null
        ? 'the synthetic text repeats ~100 recorded abstracts and compresses better than arXiv\'s: set BENCH_RECORDED_RSS to a recorded day to compare.'
        : `a recorded arXiv day: ${fmt(recorded, 2)}. Byte figures here scale by about ${fmt(recorded / synthetic, 1)}× on real text.`,
  });
}

export async function benchScale(arxiv: FakeArxiv, log: (l: string) => void): Promise<Figure[]> {
  const why = await redisUnavailable();
  if (why) throw new Error(`the scale store lives in Redis: ${why}`);
  const backend = await openBackend('redis', 'scale');
  try {
    const papers = await fill(backend, arxiv, log);
    const world: World = { backend, prefix: backend.vars.STORE_PREFIX!, env: backend.env(), driver: () => backend.storeWith((d) => d).driver };
    const results: [string, Miss][] = [];
    for (const [label, query] of SCALE_QUERIES) results.push([label, await measureMiss(world, query)]);
    const figures = [
      ...missFigures(results),
      ...(await warmFigures(world)),
      await registrationFigure(world),
      await replyFigure(world),
      compressionFigure(scaleDay(scaleDays()[0]!, 0).xml),
    ];
    figures[0]!.note = `${figures[0]!.note} Store: ${fmt(papers)} items over ${scaleDays().length} days.`;
    figures.push(...(await guarded('6 memory (server, 1,000 feeds)', () => benchServerMemory(backend.vars, log), log)));
    return figures;
  } finally {
    await backend.cleanup();
  }
}
