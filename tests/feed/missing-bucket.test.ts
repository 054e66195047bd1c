/**
 * A bucket the store names but no longer holds (expired early, removed by hand) must not read as
 * a quieter day: the feed says which papers it could not read, in its description and header.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { getStore } from '../../lib/store/open-store';
import { fillStore, referencePapers, useTempEnv } from './feed-fixtures';

const DAY = '2025-12-11';

describe('a stored bucket that has gone missing', () => {
  beforeAll(async () => {
    await useTempEnv();
    const store = await getStore();
    await fillStore(store);
    const manifest = await store.readManifest();
    const ref = manifest.days[DAY]!['cs.DC']!;
    const parts = Math.max(1, ref.parts?.length ?? 1);
    const keys = [ref.key, `${ref.key}:rows`, ...Array.from({ length: parts }, (_, i) => `${ref.key}:p${i}`)];
    await store.driver.del(keys.map((k) => `af:${k}`));
  });

  it.each(['cats=cs.DC&days=3&format=json', 'cats=cs.DC&days=3&q=cache&format=json'])('%s says which source and day could not be read', async (qs) => {
    const res = await GET(new Request(`http://localhost/api/feed?${qs}`));
    expect(res.status).toBe(200);
    const feed = await res.json();
    expect(res.headers.get('x-feed-notice')).toContain(`cs.DC ${DAY}`);
    expect(feed.description).toContain(`cs.DC ${DAY}: expired or removed from the store`);
    const ids = feed.items.map((i: { id: string }) => i.id.replace('https://arxiv.org/abs/', ''));
    const lostIds = referencePapers.filter((p) => p.announced === DAY && p.categories[0] === 'cs.DC').map((p) => p.id);
    expect(lostIds.length).toBeGreaterThan(0);
    for (const id of lostIds) expect(ids).not.toContain(id);
  });
});
