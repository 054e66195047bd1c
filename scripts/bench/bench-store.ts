/**
 * 2. Store round trips and bytes read per feed request, on each filled backend: the feed's own
 * code path (parseFeedQuery → serveFeed, what app/api/feed/route.ts calls) over a Store whose
 * driver counts every call (one driver call = one network round trip on Redis) and the bytes of
 * what it returned, for a cache miss (a new ingest or summary since the last request: the worst
 * case) and for a warm process cache. Also the in-process time of those requests.
 */
import { getDefaultProfile } from '../../lib/select/default-profile';
import { parseFeedQuery } from '../../lib/feed/feed-query';
import { FeedCache } from '../../lib/feed/feed-cache';
import { feedEtag } from '../../lib/feed/feed-response';
import { renderFeed } from '../../lib/feed/render-feed';
import { selectFeed } from '../../lib/feed/select-feed';
import { serveFeed } from '../../lib/feed/serve-feed';
import { sourcesFor } from '../../lib/select/category-sources';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { countingDriver, type CountingDriver } from '../support/counting-driver';
import type { Env } from '../../lib/env';
import type { Store } from '../../lib/store/store';
import type { BenchBackend } from './backends';
import { feedPath } from './feed-query';
import { figure, fmt, mb, median, ms, timeRuns, type Figure } from './harness';

export async function benchStore(backend: BenchBackend): Promise<Figure[]> {
  let counting: CountingDriver | undefined;
  const store = backend.storeWith((d) => (counting = countingDriver(d)));
  const env = backend.env();
  const url = `http://127.0.0.1:3000${feedPath()}`;
  /** `cold`: a fresh cache, i.e. what the first request after an ingest or a new summary costs. */
  const request = async (headers: Record<string, string> = {}, cold = false) => {
    const { profile, format } = parseFeedQuery(new URL(url), getDefaultProfile(env));
    return serveFeed({ store, profile, format, request: new Request(url, { headers }), env, ...(cold ? { cache: new FeedCache() } : {}) });
  };
  await request(); // connect + warm
  const measure = async (cold: boolean) => {
    counting!.resetCounts();
    const response = await request({}, cold);
    const body = await response.text();
    return { body, calls: [...counting!.calls], bytes: counting!.bytesRead, etag: response.headers.get('etag') ?? '' };
  };
  const miss = await measure(true);
  const hit = await measure(false);
  const { body, calls, bytes, etag } = miss;
  const items = (body.match(/<item>/g) ?? []).length;
  const full = median(await timeRuns(() => request({}, true).then((r) => r.text()), 9, 1));
  const warm = median(await timeRuns(() => request().then((r) => r.text()), 9, 1));
  const notModified = median(await timeRuns(() => request({ 'if-none-match': etag }), 9, 1));
  const parts = await breakdown(store, env, url);
  const window = await windowSize(store, env, url);
  const section = '2 store';
  return [
    figure({
      section,
      what: `round trips per feed request, ${backend.name}, cache miss (${items} items of a 7-day window)`,
      value: `${calls.length} (${calls.join(', ')})`,
      target: { op: '<=', limit: 2, on: calls.length },
      note: 'the first request after an ingest or a new summary: the versions read, then the window multi-get.',
    }),
    figure({
      section,
      what: `round trips per feed request, ${backend.name}, warm process cache`,
      value: `${hit.calls.length} (${hit.calls.join(', ')}), ${mb(hit.bytes)}`,
      target: { op: '<=', limit: 2, on: hit.calls.length },
      note: 'the store versions (manifest + summaries revision) are read to prove the cached feed current.',
    }),
    figure({
      section,
      what: `bytes read per feed request, ${backend.name}, cache miss`,
      value: `${mb(bytes)}`,
      ratio: { value: bytes / Buffer.byteLength(body), against: `÷ RSS body ${mb(Buffer.byteLength(body))}`, digits: 1 },
      note: `the window is read whole (every bucket of the 7 days and 4 categories, plus summary indexes): ${fmt(window.entries)} bucket entries for ${fmt(window.distinct)} distinct papers (a cross-listed paper is stored in each of its categories' buckets, replacements included); bytes grow with the window, not with \`limit\`.`,
    }),
    figure({
      section,
      what: `in-process feed request (read + select + render), ${backend.name}, cache miss`,
      value: ms(full),
      ratio: { value: warm / full, against: `warm cache ${ms(warm)} ÷ miss; 304 ${ms(notModified)}` },
      note: `median of 9: store read + JSON.parse ${ms(parts.read)}, select + score ${ms(parts.select - parts.read)}, ETag hash ${ms(parts.etag)}, RSS render ${ms(parts.render)}.`,
    }),
  ];
}

async function windowSize(store: Pick<Store, 'readWindow'>, env: Env, url: string) {
  const { profile } = parseFeedQuery(new URL(url), getDefaultProfile(env));
  const read = await store.readWindow({ sources: sourcesFor(profile.categories), days: profile.days });
  return { entries: read.entries.length, distinct: new Set(read.entries.map((p) => p.id)).size };
}

/** Where the time of one request goes (each part a median of its own runs). */
async function breakdown(store: Parameters<typeof selectFeed>[0] & { readWindow: Store['readWindow'] }, env: Env, url: string) {
  const { profile } = parseFeedQuery(new URL(url), getDefaultProfile(env));
  const scope = summaryScope(profile.language ?? env.SUMMARY_LANGUAGE, env);
  const read = median(await timeRuns(() => store.readWindow({ sources: sourcesFor(profile.categories), days: profile.days, summaryScope: scope }), 7, 1));
  const select = median(await timeRuns(() => selectFeed(store, profile, { env }), 7, 1));
  const doc = await selectFeed(store, profile, { env });
  const etag = median(await timeRuns(() => feedEtag(doc, 'rss'), 7, 1));
  const render = median(await timeRuns(() => renderFeed(doc, 'rss'), 7, 1));
  return { read, select, etag, render };
}
