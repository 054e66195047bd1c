/**
 * Anonymous readers can make the deployment fetch only so much: beyond ARXIV_CATEGORIES and the
 * saved profiles' categories, the ingest and the on-demand fetch take the MAX_REQUESTED_CATEGORIES
 * most recently requested categories; older requests wait until asked for again. A feed asking
 * for a category past the cap says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { ingestRequestedCategories } from '../../lib/jobs/ingest/ingest-requested';
import { CATEGORIES } from '../../lib/model/taxonomy';
import { MAX_REQUESTED_CATEGORIES } from '../../lib/store/keys';
import { getStore } from '../../lib/store/open-store';
import { fixture } from '../arxiv/fixtures';
import { fillStore, useTempEnv } from '../feed/feed-fixtures';
import { createIngestContext, NOW, type IngestContext } from './ingest-context';

let ctx: IngestContext | undefined;
afterEach(async () => {
  await ctx?.cleanup();
  ctx = undefined;
});

const SAVED = 'math.AG';
/** 25 taxonomy categories neither configured nor saved, oldest request first. */
const ANONYMOUS = CATEGORIES.map((c) => c.id)
  .filter((id) => !id.startsWith('cs.') && id !== SAVED)
  .slice(0, MAX_REQUESTED_CATEGORIES + 5);
const minutesBefore = (at: Date, minutes: number) => new Date(at.getTime() - minutes * 60_000);
const sorted = (list: readonly string[]) => [...list].sort();

/** Requests ANONYMOUS[i] i minutes after `from`, so the last is the most recent. */
async function requestAll(store: IngestContext['store'], from: Date): Promise<void> {
  for (const [i, category] of ANONYMOUS.entries()) await store.requestCategory(category, new Date(from.getTime() + i * 60_000));
}

describe('ingest: at most MAX_REQUESTED_CATEGORIES anonymously requested sources', () => {
  it('25 requested → the 20 most recent are fetched; configured and saved ones always; asking again brings one back', async () => {
    expect(ANONYMOUS).toHaveLength(25);
    ctx = await createIngestContext({ ARXIV_CATEGORIES: 'cs.AI' }, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    await ctx.store.putProfile('saved-profile-token-000000000001', JSON.stringify({ categories: [SAVED] }));
    // The saved category was also requested, before all the others: it still does not count.
    await ctx.store.requestCategory(SAVED, minutesBefore(NOW, 600));
    await requestAll(ctx.store, minutesBefore(NOW, 60));

    const first = await ctx.run({ backfill: false });
    const newest = ANONYMOUS.slice(-MAX_REQUESTED_CATEGORIES);
    expect(sorted(ctx.fake.requestsOf('rss').at(-1)!.categories)).toEqual(sorted(['cs.AI', SAVED, ...newest]));
    expect(sorted(first.detail.requestedOverCap as string[])).toEqual(sorted(ANONYMOUS.slice(0, 5)));

    // The least recently requested, asked for again, displaces the now oldest one.
    await ctx.store.requestCategory(ANONYMOUS[0]!, NOW);
    await ctx.run({ backfill: false });
    expect(sorted(ctx.fake.requestsOf('rss').at(-1)!.categories)).toEqual(sorted(['cs.AI', SAVED, ANONYMOUS[0]!, ...ANONYMOUS.slice(6)]));
  });

  it('the on-demand fetch asks only for the 20 most recently requested of the missing ones', async () => {
    ctx = await createIngestContext({ ARXIV_CATEGORIES: 'cs.AI,cs.CL' }, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    expect((await ctx.run()).state).toBe('ok');
    await requestAll(ctx.store, minutesBefore(NOW, 60));
    expect((await ingestRequestedCategories({ store: ctx.store, env: ctx.env }, NOW))?.state).toBeDefined();
    expect(sorted(ctx.fake.requestsOf('rss').at(-1)!.categories)).toEqual(sorted(ANONYMOUS.slice(-MAX_REQUESTED_CATEGORIES)));
  });
});

describe('GET /api/feed for a category past the cap', () => {
  it('says the category cannot be fetched on demand right now; one within the cap gets the usual notice', async () => {
    await useTempEnv({ ARXIV_CATEGORIES: 'cs.AI,cs.CL,cs.DC,cs.LG' });
    const store = await getStore();
    await fillStore(store, ['2025-12-18']);
    const now = new Date();
    // quant-ph was registered earlier today (this process does not register it again today);
    // 20 other categories were requested after it.
    await store.requestCategory('quant-ph', minutesBefore(now, 120));
    for (const [i, category] of ANONYMOUS.slice(0, MAX_REQUESTED_CATEGORIES).entries()) await store.requestCategory(category, minutesBefore(now, 60 - i));

    const res = await GET(new Request(`http://localhost/api/feed?cats=quant-ph,${ANONYMOUS[MAX_REQUESTED_CATEGORIES - 1]},cs.LG&format=json`));
    expect(res.status).toBe(200);
    const notice = res.headers.get('x-feed-notice') ?? '';
    expect(notice).toContain(`Category quant-ph is not ingested yet and can't be fetched on demand right now`);
    expect(notice).toContain(`only the ${MAX_REQUESTED_CATEGORIES} most recently requested`);
    expect(notice).toContain(`Category ${ANONYMOUS[MAX_REQUESTED_CATEGORIES - 1]} is not ingested yet: it has been registered`);
    const feed = await res.json();
    expect(feed._arxiv.notices).toContain(notice.split(' | ').find((n) => n.startsWith('Category quant-ph')));
    expect(feed._arxiv.not_ingested).toEqual(['quant-ph', ANONYMOUS[MAX_REQUESTED_CATEGORIES - 1]]);
  });
});
