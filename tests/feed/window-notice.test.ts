/**
 * A feed the store could not read whole says so: the store's notice (days over its read budget)
 * reaches the feed's description and the X-Feed-Notice header, and the days it did read are the
 * newest. The budget is lowered for the test through the store's own query option.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { FeedCache } from '../../lib/feed/feed-cache';
import { serveFeed } from '../../lib/feed/serve-feed';
import { ProfileSchema } from '../../lib/model/profile';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { makeBucket, weekdaysBack } from '../helpers/make-papers';

let dir = '';
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('a feed over the store read budget', () => {
  it('serves the newest days and says how many it left out, in the description and X-Feed-Notice', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'af-window-notice-'));
    const store = new Store(createEmbeddedDriver(dir), 'wn:');
    const days = weekdaysBack('2025-11-21', 3);
    for (const [i, day] of [...days].reverse().entries()) await store.commitDay(day, { 'cs.LG': makeBucket(day, 'cs.LG', 10, i * 100) });
    const budgeted = Object.assign(Object.create(store) as Store, {
      readFeedWindow: (query: Parameters<Store['readFeedWindow']>[0]) => store.readFeedWindow({ ...query, maxEntries: 15 }),
    });
    const profile = ProfileSchema.parse({ categories: ['cs.LG'], keywords: ['sparse attention'], days: 3 });
    const env = getEnv({ DATA_DIR: dir });
    const request = new Request('http://localhost/api/feed?cats=cs.LG&q=sparse+attention&days=3&format=json');
    const response = await serveFeed({ store: budgeted, profile, format: 'json', request, env, cache: new FeedCache() });
    const feed = (await response.json()) as { description: string; _arxiv: { days: string[]; notices: string[] } };
    const notice = 'Showing the newest 1 of 3 announcement days: ranking all of them means scoring 30 papers';
    expect(feed._arxiv.days).toEqual([days[0]]);
    expect(feed._arxiv.notices.some((n) => n.startsWith(notice))).toBe(true);
    expect(feed.description).toContain(notice);
    expect(response.headers.get('x-feed-notice')).toContain(notice);
  });
});
