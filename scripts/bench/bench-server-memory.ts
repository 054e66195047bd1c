/**
 * 6c. Memory of one production server (`next start`) serving many distinct feeds (issue 13): on
 * the 35-day whole-arXiv store of section 7, 1,000 distinct feed URLs (categories, archives, days,
 * keywords, limit and format varied, deterministic), a few at a time, each a cache miss. Resident
 * memory of the server's process tree (/proc VmRSS; `next start` may fork the server it runs):
 * warm idle after one feed, right after the last one, and the peak in between (VmHWM after a
 * reset, with a sampler as a floor); for the server `npm start` runs and, as the yardstick, the
 * same build as plain `next start`.
 */
import { cleanBaseEnv } from './backends';
import { ALL_ARCHIVES } from './data/bench-days';
import { KEYWORD_POOL } from './data/build-profiles';
import { createRng } from './data/prng';
import { SCALE_CATEGORIES } from './data/scale-days';
import { figure, fmt, mb, type Figure } from './harness';
import { cpuMsOf, peakDuring, rssOf } from './memory';
import { freePort, startNext, startScriptNodeFlags } from '../support/next-server';

const URLS = 1_000;
const IN_FLIGHT = 4;
const TARGET_MB = 350;
const FORMATS = ['rss', 'atom', 'json'];

/** Distinct feed queries: 1–3 categories or archives, 1–7 days, keywords on most, varied limit and format. */
export function distinctFeedQueries(count: number, seed = 13): string[] {
  const rng = createRng(seed);
  const sources = [...SCALE_CATEGORIES, ...ALL_ARCHIVES.filter((a) => a !== 'cs')];
  const out = new Set<string>();
  while (out.size < count) {
    const p = new URLSearchParams({ cats: rng.sample(sources, rng.int(1, 3)).join(','), days: String(rng.pick([1, 1, 2, 3, 7])) });
    if (rng.chance(0.7)) p.set('q', rng.sample(KEYWORD_POOL, rng.int(1, 4)).join(','));
    p.set('limit', String(rng.int(20, 70)));
    p.set('format', FORMATS[out.size % FORMATS.length]!);
    out.add(p.toString());
  }
  return [...out];
}

type Run = { idle: number; after: number; peak: number; method: string; seconds: number; bytes: number; failed: number; warmCpuMs: number };

const WARM_REQUESTS = 2_000;

/** `count` requests over `urls`, `IN_FLIGHT` at a time. */
async function fetchAll(urls: string[], count: number, onResponse: (response: Response, bytes: number) => void = () => {}): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const response = await fetch(urls[next++ % urls.length]!);
        onResponse(response, (await response.arrayBuffer()).byteLength);
      }
    }),
  );
}

/** Server CPU per warm request (the rendered-feed cache answers), over a few popular feeds. */
async function warmCpuPerRequest(pid: number, urls: string[]): Promise<number> {
  await fetchAll(urls, 200);
  const before = cpuMsOf(pid);
  await fetchAll(urls, WARM_REQUESTS);
  return (cpuMsOf(pid) - before) / WARM_REQUESTS;
}

/** One server started with `nodeFlags`, serving every URL (4 in flight) after a first feed. */
export async function serveAll(vars: Record<string, string>, nodeFlags: string[], log: (l: string) => void, label: string): Promise<Run> {
  const port = await freePort();
  const closedPort = await freePort();
  const server = await startNext(
    {
      ...cleanBaseEnv(),
      ...vars,
      DISABLE_AUTO_INGEST: '1',
      // A wide reader's 20 categories (the default profile's limit); the archives are requested ones.
      ARXIV_CATEGORIES: SCALE_CATEGORIES.join(','),
      ARXIV_RSS_URL: `http://127.0.0.1:${closedPort}/rss`,
      ARXIV_API_URL: `http://127.0.0.1:${closedPort}/api/query`,
    },
    { port, nodeFlags },
  );
  try {
    const urls = distinctFeedQueries(URLS).map((q) => `${server.url}/api/feed?${q}`);
    const first = await fetch(urls[0]!);
    const firstBody = await first.text();
    if (first.status !== 200) throw new Error(`the first feed answered ${first.status}: ${firstBody.slice(0, 300)} (server: ${server.output().slice(-500)})`);
    const idle = rssOf(server.pid);
    log(`    server memory, ${label}: ${fmt(URLS)} distinct feeds, ${IN_FLIGHT} at a time (idle ${mb(idle)})…`);
    let bytes = 0;
    let failed = 0;
    const started = Date.now();
    const rest = urls.slice(1);
    const measured = await peakDuring(server.pid, () =>
      fetchAll(rest, rest.length, (response, n) => {
        bytes += n;
        if (response.status !== 200) failed++;
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const after = rssOf(server.pid);
    const warmCpuMs = await warmCpuPerRequest(server.pid, urls.slice(-8));
    return { idle, after, peak: measured.peakBytes, method: measured.method, seconds, bytes, failed, warmCpuMs };
  } finally {
    await server.stop();
  }
}

const runNote = (r: Run) => `idle ${mb(r.idle)}, peak ${mb(r.peak)} (${r.method}); ${fmt(r.seconds, 1)} s, ${mb(r.bytes)} of feeds, ${r.failed} non-200`;

/**
 * The server `npm start` runs (its V8 heap flags, package.json) against the same build started as
 * plain `next start`, the yardstick: what the flags buy, and what they cost in time.
 */
export async function benchServerMemory(vars: Record<string, string>, log: (l: string) => void): Promise<Figure[]> {
  const flags = startScriptNodeFlags();
  const tuned = await serveAll(vars, flags, log, 'npm start');
  const plain = await serveAll(vars, [], log, 'plain next start');
  return [
    figure({
      section: '6 memory',
      what: `server RSS after ${fmt(URLS)} distinct feed URLs, \`npm start\` (35-day whole-arXiv store, ${IN_FLIGHT} at a time)`,
      value: mb(tuned.after),
      ratio: { value: tuned.after / plain.after, against: `÷ plain \`next start\` ${mb(plain.after)}` },
      target: { op: '<=', limit: TARGET_MB, on: tuned.after / 1024 / 1024, unit: 'MB' },
      note:
        `\`npm start\` (${flags.join(' ')}): ${runNote(tuned)}. Plain \`next start\`: ${runNote(plain)}. ` +
        'Held on purpose: the rendered-feed cache (FEED_CACHE_MAX_BYTES of body bytes) and the decoded parts (DECODED_PARTS_MAX_BYTES); ' +
        'the rest is Next.js itself and the heap V8 keeps for what the misses allocate, which the flags bound.',
    }),
    figure({
      section: '6 memory',
      what: `time to serve those ${fmt(URLS)} feed URLs, \`npm start\``,
      value: `${fmt(tuned.seconds, 1)} s`,
      ratio: { value: tuned.seconds / plain.seconds, against: `÷ plain \`next start\` ${fmt(plain.seconds, 1)} s` },
      note: 'what the tighter heap costs in garbage collection on a miss-only load (warm feeds and 304s: section 1).',
    }),
    figure({
      section: '6 memory',
      what: `server CPU per warm feed request (${fmt(WARM_REQUESTS)} requests over 8 cached feeds, after those misses), \`npm start\``,
      value: `${fmt(tuned.warmCpuMs, 2)} ms`,
      ratio: { value: tuned.warmCpuMs / plain.warmCpuMs, against: `÷ plain \`next start\` ${fmt(plain.warmCpuMs, 2)} ms` },
      note: 'user + system time of the server process from /proc, steadier than requests per second on a shared machine: the garbage collection the flags add on the warm path.',
    }),
  ];
}
