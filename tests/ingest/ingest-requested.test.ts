import { afterEach, describe, expect, it } from 'vitest';
import { chooseSources } from '../../lib/jobs/ingest/choose-sources';
import { REQUESTED_CATEGORY_DAYS } from '../../lib/store/keys';
import { ingestRequestedCategories } from '../../lib/jobs/ingest/ingest-requested';
import { fixture } from '../arxiv/fixtures';
import { createIngestContext, NOW, type IngestContext } from './ingest-context';
import { readDay } from '../helpers/read-day';

let ctx: IngestContext;
afterEach(async () => ctx?.cleanup());

describe('ingestRequestedCategories: a category a reader asked for is fetched on demand', () => {
  it('fetches only the missing category, once per cooldown, and stores it beside the day', async () => {
    ctx = await createIngestContext({ ARXIV_CATEGORIES: 'cs.AI,cs.CL' }, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    expect((await ctx.run()).state).toBe('ok');
    await ctx.store.requestCategory('cs.LG');

    const result = await ingestRequestedCategories({ store: ctx.store, env: ctx.env }, NOW);
    expect(result?.state).toBe('ok');
    const rss = ctx.fake.requestsOf('rss');
    expect(rss.at(-1)!.categories).toEqual(['cs.LG']);
    const day = await readDay(ctx.store, '2025-12-05');
    expect(Object.keys(day).sort()).toEqual(['cs.AI', 'cs.CL', 'cs.LG']);
    expect(day['cs.LG']!.length).toBeGreaterThan(0);

    // Stored now, and rate limited anyway: no further arXiv request.
    expect(await ingestRequestedCategories({ store: ctx.store, env: ctx.env }, NOW)).toBeNull();
    expect(ctx.fake.requestsOf('rss')).toHaveLength(rss.length);
  });

  it('does nothing when auto-ingest is disabled or nothing is missing', async () => {
    ctx = await createIngestContext({ DISABLE_AUTO_INGEST: '1' }, { rss: fixture('rss-2025-12-05-cs.xml') });
    await ctx.store.requestCategory('quant-ph');
    expect(await ingestRequestedCategories({ store: ctx.store, env: ctx.env }, NOW)).toBeNull();
    expect(ctx.fake.requests).toHaveLength(0);
  });
});

describe('requested categories expire when nobody asks for them', () => {
  it('chooseSources keeps a category asked for within REQUESTED_CATEGORY_DAYS, drops older ones', async () => {
    ctx = await createIngestContext({ ARXIV_CATEGORIES: 'cs.AI' });
    const day = 86_400_000;
    await ctx.store.requestCategory('quant-ph', new Date(NOW.getTime() - 3 * day));
    await ctx.store.requestCategory('math.AG', new Date(NOW.getTime() - (REQUESTED_CATEGORY_DAYS + 1) * day));
    expect((await chooseSources(ctx.store, ctx.env, NOW)).sources).toEqual(['cs.AI', 'quant-ph']);
    // Asked for again (a feed or page showed it): back in, as the most recently requested.
    await ctx.store.requestCategory('math.AG', NOW);
    expect((await chooseSources(ctx.store, ctx.env, NOW)).sources).toEqual(['cs.AI', 'math.AG', 'quant-ph']);
  });
});
