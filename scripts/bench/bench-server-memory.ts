/**
 * 6c. Memory of one production server (`next start`) serving many distinct feeds (issue 13): on
 * the 35-day whole-arXiv store of section 7, 1,000 distinct feed URLs (categories, archives, days,
 * keywords, limit and format varied, deterministic), a few at a time, each a cache miss. Resident
 * memory of the server's process tree (/proc VmRSS; `next start` may fork the server it runs):
 * warm idle after one feed, right after the last one, and the peak in between (VmHWM after a
 * reset, with a sampler as a floor).
 */
import { cleanBaseEnv } from './backends';
import { ALL_ARCHIVES } from './data/bench-days';
import { KEYWORD_POOL } from './data/build-profiles';
import { createRng } from './data/prng';
import { SCALE_CATEGORIES } from './data/scale-days';
import { figure, fmt, mb, type Figure } from './harness';
import { peakDuring, rssOf } from './memory';
import { freePort, startNext } from '../support/next-server';

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

export async function benchServerMemory(vars: Record<string, string>, log: (l: string) => void): Promise<Figure[]> {
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
    { port },
  );
  try {
    const urls = distinctFeedQueries(URLS).map((q) => `${server.url}/api/feed?${q}`);
    const first = await fetch(urls[0]!);
    const firstBody = await first.text();
    if (first.status !== 200) throw new Error(`the first feed answered ${first.status}: ${firstBody.slice(0, 300)} (server: ${server.output().slice(-500)})`);
    const idle = rssOf(server.pid);
    log(`    server memory: ${fmt(URLS)} distinct feeds, ${IN_FLIGHT} at a time (idle ${mb(idle)})…`);
    let next = 1;
    let bytes = 0;
    let failed = 0;
    const started = Date.now();
    const measured = await peakDuring(server.pid, () =>
      Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < urls.length) {
            const response = await fetch(urls[next++]!);
            bytes += (await response.arrayBuffer()).byteLength;
            if (response.status !== 200) failed++;
          }
        }),
      ),
    );
    const after = rssOf(server.pid);
    const seconds = (Date.now() - started) / 1000;
    const afterMb = after / 1024 / 1024;
    return [
      figure({
        section: '6 memory',
        what: `server RSS after ${fmt(URLS)} distinct feed URLs (35-day whole-arXiv store, ${IN_FLIGHT} at a time)`,
        value: mb(after),
        ratio: { value: after / idle, against: `÷ warm idle ${mb(idle)}` },
        target: { op: '<=', limit: TARGET_MB, on: afterMb, unit: 'MB' },
        note:
          `peak ${mb(measured.peakBytes)} (${measured.method}); ${fmt(seconds, 1)} s, ${mb(bytes)} of feeds, ${failed} non-200. ` +
          'Held on purpose: the rendered-feed cache (FEED_CACHE_MAX_BYTES of body bytes); the rest is the JS heap and allocator growth of the misses.',
      }),
    ];
  } finally {
    await server.stop();
  }
}
