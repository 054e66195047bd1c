import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/categories/route';
import { CATEGORIES } from '../../lib/model/taxonomy';
import { getStore } from '../../lib/store/open-store';
import { fillStore, useTempEnv } from './feed-fixtures';

describe('GET /api/categories', () => {
  beforeAll(async () => {
    await useTempEnv();
    await fillStore(await getStore(), ['2025-12-18']);
  });

  it('lists the taxonomy with which categories are ingested, cacheably', async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('s-maxage=3600');
    const body = await res.json();
    expect(body.categories).toHaveLength(CATEGORIES.length);
    expect(body.ingested).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
    const byId = Object.fromEntries(body.categories.map((c: { id: string; ingested: boolean }) => [c.id, c.ingested]));
    expect(byId['cs.LG']).toBe(true);
    expect(byId['quant-ph']).toBe(false);
    expect(body.archives.find((a: { id: string }) => a.id === 'cs').ingested).toBe(true);
  });
});
