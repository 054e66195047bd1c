/**
 * 2. Store round trips and bytes read per feed request, on each filled backend: the feed's own
 * code path (parseFeedQuery → serveFeed, what app/api/feed/route.ts calls) over a Store whose
 * driver counts every call (one driver call = one network round trip on Redis) and the bytes of
 * what it returned, for a cache miss in a fresh process (the worst case: nothing held yet) and for
 * a warm process cache. Also the in-process time of those requests.
 */
import { getDefaultProfile } from '../../lib/select/default-profile';
import { parseFeedQuery } from '../../lib/feed/feed-query';
import { FeedCache } from '../../lib/feed/feed-cache';
import { feedEtag } from '../../lib/feed/feed-response';
import { renderFeed } from '../../lib/feed/render-feed';
import { selectFeed } from '../../lib/feed/select-feed';
import { serveFeed } from '../../lib/feed/serve-feed';
import { rankingReadsText, windowRequest } from '../../lib/select/select-papers';
import { countingDriver, type CountingDriver } from '../support/counting-driver';
import type { Env } from '../../lib/env';
import type { Store } from '../../lib/store/store';
import type { BenchBackend } from './backends';
import { feedPath } from './feed-query';
import { figure, fmt, mb, median, ms, timeRuns, type Figure } from './harness';

type Counted = { store: Store; counting: CountingDriver };

export async function benchStore(backend: BenchBackend): Promise<Figure[]> {
  const counted = (): Counted => {
    let counting: CountingDriver | undefined;
    const store = backend.storeWith((d) => (counting = countingDriver(d)));
    return { store, counting: counting! };
  };
  const warmStore = counted();
  const env = backend.env();
  const url = `http://127.0.0.1:3000${feedPath()}`;
  /** `cold`: a fresh feed cache, i.e. what the first request after an ingest or a new summary costs. */
  const request = async ({ store }: Counted, headers: Record<string, string> = {}, cold = false) => {
    const { profile, format } = parseFeedQuery(new URL(url), getDefaultProfile(env));
    return serveFeed({ store, profile, format, request: new Request(url, { headers }), env, ...(cold ? { cache: new FeedCache() } : {}) });
  };
  await request(warmStore); // connect + warm
  const measure = async (on: Counted, cold: boolean) => {
    on.counting.resetCounts();
    const response = await request(on, {}, cold);
    const body = await response.text();
    return { body, calls: [...on.counting.calls], bytes: on.counting.bytesRead, etag: response.headers.get('etag') ?? '' };
  };
  const fresh = counted();
  await fresh.store.ping(); // the connection, not the read
  const miss = await measure(fresh, true);
  const hit = await measure(warmStore, false);
  const { body, calls, bytes, etag } = miss;
  const items = (body.match(/<item>/g) ?? []).length;
  const full = median(await timeRuns(() => request(warmStore, {}, true).then((r) => r.text()), 9, 1));
  const warm = median(await timeRuns(() => request(warmStore).then((r) => r.text()), 9, 1));
  const notModified = median(await timeRuns(() => request(warmStore, { 'if-none-match': etag }), 9, 1));
  const parts = await breakdown(warmStore.store, env, url);
  const section = '2 store';
  return [
    figure({
      section,
      what: `round trips per feed request, ${backend.name}, cache miss in a fresh process (${items} items of a 7-day window)`,
      value: `${calls.length} (${calls.join(', ')})`,
      target: { op: '<=', limit: 3, on: calls.length },
      note: "the source directories and their versions, then the window's rows or ranked parts, then the shown records and summaries; a stale cached feed first reads its versions (one more).",
    }),
    figure({
      section,
      what: `round trips per feed request, ${backend.name}, warm process cache`,
      value: `${hit.calls.length} (${hit.calls.join(', ')}), ${fmt(hit.bytes)} B`,
      target: { op: '<=', limit: 1, on: hit.calls.length },
      note: 'only the version keys the cached feed was built from are read (its sources and the summary versions of its days).',
    }),
    figure({
      section,
      what: `bytes read per feed request, ${backend.name}, cache miss`,
      value: `${mb(bytes)}`,
      ratio: { value: bytes / Buffer.byteLength(body), against: `÷ RSS body ${mb(Buffer.byteLength(body))}`, digits: 1 },
      note: `a ranked feed (${parts.entries} candidate entries) reads each candidate's compressed text once, then the summaries of the ${items} it shows; an unranked one reads rows only, then the shown records.`,
    }),
    figure({
      section,
      what: `in-process feed request (read + select + render), ${backend.name}, cache miss`,
      value: ms(full),
      ratio: { value: warm / full, against: `warm cache ${ms(warm)} ÷ miss; 304 ${ms(notModified)}` },
      note: `median of 9: store read + decompress + JSON.parse ${ms(parts.read)}, select + score + shown records ${ms(parts.select - parts.read)}, ETag hash ${ms(parts.etag)}, RSS render ${ms(parts.render)}.`,
    }),
  ];
}

/** Where the time of one request goes (each part a median of its own runs). */
async function breakdown(store: Store, env: Env, url: string) {
  const { profile } = parseFeedQuery(new URL(url), getDefaultProfile(env));
  const query = { requested: profile.categories, days: profile.days, types: profile.types, withText: rankingReadsText(profile), summaryScope: windowRequest(profile, env).summaryScope };
  const read = median(await timeRuns(() => store.readFeedWindow(query), 7, 1));
  const entries = fmt((await store.readFeedWindow(query)).entries.length);
  const select = median(await timeRuns(() => selectFeed(store, profile, { env }), 7, 1));
  const doc = await selectFeed(store, profile, { env });
  const etag = median(await timeRuns(() => feedEtag(doc, 'rss'), 7, 1));
  const render = median(await timeRuns(() => renderFeed(doc, 'rss'), 7, 1));
  return { read, select, etag, render, entries };
}
