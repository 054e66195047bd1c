/**
 * 1. Feed serving on the production server (`next start`), warm, over a filled store: autocannon at
 * a fixed concurrency on the feed URL, on a static file in public/ of the same byte size (the
 * yardstick: the same server doing no work of ours), and on the conditional GET (If-None-Match →
 * 304). Rounds alternate the three so machine noise hits each alike; figures are medians of rounds.
 * 6. Peak RSS of the server process during the first feed burst.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { getDefaultProfile } from '../../lib/select/default-profile';
import { parseFeedQuery } from '../../lib/feed/feed-query';
import { serveFeed } from '../../lib/feed/serve-feed';
import { cleanBaseEnv, type BenchBackend } from './backends';
import { feedPath } from './feed-query';
import { figure, fmt, mb, median, ms, type Figure } from './harness';
import { peakDuring } from './memory';
import { freePort, startNext } from '../support/next-server';

export const STATIC_FILE = 'bench-static.xml';

export type ServeOptions = { root: string; rounds: number; seconds: number; connections: number; log: (l: string) => void };

type Round = { feed: Result; static: Result; notModified: Result };

const load = (url: string, seconds: number, connections: number, headers: Record<string, string> = {}) =>
  autocannon({ url, connections, duration: seconds, headers, timeout: 30 });

/** The feed body the server will send for this URL, computed in-process to size the static twin. */
async function feedBody(backend: BenchBackend, url: string): Promise<string> {
  const env = backend.env();
  const { profile, format } = parseFeedQuery(new URL(url), getDefaultProfile(env));
  const response = await serveFeed({ store: backend.store, profile, format, request: new Request(url), env });
  return response.text();
}

export async function benchFeedServer(backend: BenchBackend, options: ServeOptions): Promise<Figure[]> {
  const { root, rounds, seconds, connections, log } = options;
  const port = await freePort();
  const closedPort = await freePort();
  const feedUrl = `http://127.0.0.1:${port}${feedPath()}`;
  const staticPath = path.join(root, 'public', STATIC_FILE);
  const body = await feedBody(backend, feedUrl);
  // A fresh clone has no public/ folder (nothing in it is committed).
  mkdirSync(path.dirname(staticPath), { recursive: true });
  writeFileSync(staticPath, body);
  const server = await startNext({
    ...cleanBaseEnv(),
    ...backend.vars,
    DISABLE_AUTO_INGEST: '1',
    ARXIV_RSS_URL: `http://127.0.0.1:${closedPort}/rss`,
    ARXIV_API_URL: `http://127.0.0.1:${closedPort}/api/query`,
  }, { port });
  try {
    const first = await fetch(feedUrl);
    const served = await first.text();
    const etag = first.headers.get('etag');
    if (first.status !== 200 || !etag) throw new Error(`feed answered ${first.status} without ETag: ${served.slice(0, 300)}`);
    const staticUrl = `${server.url}/${STATIC_FILE}`;
    const staticBytes = (await (await fetch(staticUrl)).arrayBuffer()).byteLength;
    const conditional = await fetch(feedUrl, { headers: { 'if-none-match': etag } });
    if (conditional.status !== 304) throw new Error(`If-None-Match answered ${conditional.status}, not 304`);

    log(`    ${backend.name}: warm-up…`);
    await load(feedUrl, 2, connections);
    await load(staticUrl, 1, connections);
    const idle = (await peakDuring(server.pid, async () => null)).baselineBytes;
    const results: Round[] = [];
    let burst: { peakBytes: number; baselineBytes: number; method: string } | undefined;
    for (let r = 0; r < rounds; r++) {
      log(`    ${backend.name}: round ${r + 1}/${rounds}`);
      const measured = await peakDuring(server.pid, () => load(feedUrl, seconds, connections));
      burst ??= measured;
      results.push({
        feed: measured.result,
        static: await load(staticUrl, seconds, connections),
        notModified: await load(feedUrl, seconds, connections, { 'if-none-match': etag }),
      });
    }
    return serveFigures(backend.name, results, { bodyBytes: Buffer.byteLength(served), staticBytes, connections, seconds, idle, burst: burst! });
  } finally {
    await server.stop();
    rmSync(staticPath, { force: true });
  }
}

function serveFigures(
  name: string,
  rounds: Round[],
  facts: { bodyBytes: number; staticBytes: number; connections: number; seconds: number; idle: number; burst: { peakBytes: number; baselineBytes: number; method: string } },
): Figure[] {
  const rps = (pick: (r: Round) => Result) => median(rounds.map((r) => pick(r).requests.average));
  const lat = (pick: (r: Round) => Result, p: 'p50' | 'p99') => median(rounds.map((r) => pick(r).latency[p]));
  const errors = (pick: (r: Round) => Result) => rounds.reduce((n, r) => n + pick(r).errors + pick(r).timeouts, 0);
  const feedRatio = median(rounds.map((r) => r.feed.requests.average / r.static.requests.average));
  const nmRatio = median(rounds.map((r) => r.notModified.requests.average / r.static.requests.average));
  const nonOk = rounds.reduce((n, r) => n + r.feed.non2xx, 0);
  const load = `${facts.connections} connections, ${rounds.length} rounds × ${facts.seconds} s`;
  const section = '1 serving';
  return [
    figure({
      section,
      what: `feed req/s, ${name} store (${mb(facts.bodyBytes)} RSS, ${load})`,
      value: `${fmt(rps((r) => r.feed))} req/s`,
      ratio: { value: feedRatio, against: `÷ static file of ${mb(facts.staticBytes)}` },
      target: { op: '>=', limit: 0.5, on: feedRatio },
      note:
        `${errors((r) => r.feed)} errors, ${nonOk} non-2xx. Warm server: the rendered feed comes from the process cache after one store read of the versions ` +
        '(section 2); the first request after an ingest or a new summary rebuilds it (section 2, cache miss).' +
        (feedRatio < 0.5 ? ' What limits it: the versions read and the response path per request, while the static twin is streamed from disk.' : ''),
    }),
    figure({ section, what: `feed latency p50 / p99, ${name}`, value: `${ms(lat((r) => r.feed, 'p50'))} / ${ms(lat((r) => r.feed, 'p99'))}` }),
    figure({
      section,
      what: `static file req/s (yardstick), ${name}`,
      value: `${fmt(rps((r) => r.static))} req/s`,
      note: `latency p50 ${ms(lat((r) => r.static, 'p50'))}, p99 ${ms(lat((r) => r.static, 'p99'))}.`,
    }),
    figure({
      section,
      what: `conditional GET (If-None-Match → 304) req/s, ${name}`,
      value: `${fmt(rps((r) => r.notModified))} req/s`,
      ratio: { value: nmRatio, against: '÷ static file' },
      note: `latency p50 ${ms(lat((r) => r.notModified, 'p50'))}, p99 ${ms(lat((r) => r.notModified, 'p99'))}; a 304 costs the versions read only.`,
    }),
    figure({
      section: '6 memory',
      what: `server peak RSS during a feed burst, ${name}`,
      value: mb(facts.burst.peakBytes),
      ratio: { value: facts.burst.peakBytes / facts.idle, against: `÷ warm idle ${mb(facts.idle)}` },
      note: `${facts.burst.method}; ${facts.connections} concurrent requests for ${facts.seconds} s.`,
    }),
  ];
}
