/**
 * A feed URL copied from the builder (`/api/feed?cats=…&q=…`) is no saved profile, yet it says
 * summaries are on and pending: the feed request records its selection, its own drain serves it,
 * and once readers keep polling it (a second day) the cron run summarizes it too, until nobody
 * has read it for READ_SELECTION_TTL_DAYS days. Its papers here are none the default or an
 * English saved profile shows, so only serving the selection itself makes its summaries.
 */
import { describe, expect, it, vi } from 'vitest';
import { DRAIN_MAX_PAPERS } from '../../lib/jobs/summarize/drain-summaries';
import { findWantedSummaries } from '../../lib/jobs/summarize/find-wanted';
import { loadProfiles } from '../../lib/jobs/summarize/load-profiles';
import { parseFeedQuery } from '../../lib/feed/feed-query';
import { getDefaultProfile } from '../../lib/select/default-profile';
import { READ_SELECTION_TTL_DAYS } from '../../lib/store/keys';
import { callRoute } from '../reliability/helpers/call-route';
import { setupSummarize } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

/** The work route handlers leave for after the response, run by the test instead of Next's `after()`. */
const afterWork = vi.hoisted(() => [] as (() => Promise<unknown>)[]);
vi.mock('../../app/api/_lib/after-response', () => ({ afterResponse: (task: () => Promise<unknown>) => afterWork.push(task) }));

const world = useSummarizeWorld();
const auth = { authorization: 'Bearer cron-secret-for-tests' };
const QUERY = 'cats=cs.CL,cs.LG&q=protein,retrieval&min_score=1&days=2';
const DAY_MS = 86_400_000;

/** The selection as `/api/feed` parses it. */
const selectionOf = (query: string) => parseFeedQuery(new URL(`http://localhost/api/feed?${query}`), getDefaultProfile(world.fx!.env)).profile;

async function feed(query = QUERY): Promise<{ items: number; pending: number }> {
  afterWork.length = 0;
  const response = await callRoute('GET /api/feed', { query: `${query}&format=json` });
  expect(response.status).toBe(200);
  const body = await response.json();
  return { items: body.items.length, pending: body._arxiv.summaries_pending };
}

async function runAfterWork(): Promise<void> {
  const tasks = afterWork.splice(0);
  for (const task of tasks) await task();
}

const cron = async () => (await callRoute('GET /api/cron/summarize', { headers: auth })).json();

describe('anonymous feed selections get summaries', () => {
  it("a feed request records its selection and drains that selection's summaries", async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const before = await feed();
    expect(before.items).toBeGreaterThan(DRAIN_MAX_PAPERS);
    expect(before.pending).toBe(before.items);
    await runAfterWork();
    expect((await feed()).pending).toBe(before.pending - DRAIN_MAX_PAPERS);
    expect(await world.fx.store.listReadSelections()).toEqual([expect.objectContaining({ profile: selectionOf(QUERY), readDays: 1 })]);
  });

  it('the default feed is not recorded as a selection (it is summarized anyway)', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    afterWork.length = 0;
    await callRoute('GET /api/feed', { query: 'format=json' });
    await runAfterWork();
    expect(await world.fx.store.listReadSelections()).toEqual([]);
  });

  it('a selection read on two days is summarized by the next cron run; the feed then has nothing pending', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env: { SUMMARY_MAX_PAPERS: '1000' } });
    const selection = selectionOf(QUERY);
    const now = Date.now();
    await world.fx.store.recordSelectionRead(selection, new Date(now - DAY_MS));
    const afterOneDay = await cron();
    expect(afterOneDay.state).toBe('ok');
    // Read on one day only: a look at a link, not yet a subscription.
    const pending = (await feed()).pending;
    expect(pending).toBeGreaterThan(0);

    await world.fx.store.recordSelectionRead(selection, new Date(now));
    const next = await cron();
    expect(next.state).toBe('ok');
    expect(next.counts.summarized).toBe(pending);
    expect(next.counts.backlog).toBe(0);
    expect((await feed()).pending).toBe(0);
    expect([...world.fake.answeredPerKey().values()].every((n) => n === 1)).toBe(true);
  });

  it(`a selection nobody read for ${READ_SELECTION_TTL_DAYS} days is no longer summarized`, async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env: { SUMMARY_MAX_PAPERS: '1000' } });
    const selection = selectionOf(QUERY);
    const lastRead = Date.now() - READ_SELECTION_TTL_DAYS * DAY_MS;
    await world.fx.store.recordSelectionRead(selection, new Date(lastRead - DAY_MS));
    await world.fx.store.recordSelectionRead(selection, new Date(lastRead));
    // The day before it expires, the run would serve it.
    const dayBefore = await loadProfiles(world.fx.store, world.fx.env, undefined, new Date(lastRead + (READ_SELECTION_TTL_DAYS - 1) * DAY_MS));
    expect(dayBefore.map((p) => p.name)).toContain('selection#0');

    const result = await cron();
    expect(result.state).toBe('ok');
    expect(result.counts.summarized).toBeGreaterThan(0);
    const { items, pending } = await feed();
    expect(pending).toBe(items);
  });

  it('selections come after the saved profiles in the wanted list, so a capped run serves the profiles first', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const selection = selectionOf(QUERY);
    const now = Date.now();
    await world.fx.store.recordSelectionRead(selection, new Date(now - DAY_MS));
    await world.fx.store.recordSelectionRead(selection, new Date(now));
    const profiles = await loadProfiles(world.fx.store, world.fx.env);
    expect(profiles.at(-1)).toMatchObject({ name: 'selection#0', priority: 1 });
    const withoutSelection = profiles.slice(0, -1);
    // What the default and saved profiles want comes first, however high the selection scores its own papers.
    const theirs = await findWantedSummaries(world.fx.store, world.fx.env, withoutSelection);
    const all = await findWantedSummaries(world.fx.store, world.fx.env, profiles);
    const keys = (list: { key: string }[]) => list.map((w) => w.key).sort();
    expect(keys(all.wanted.slice(0, theirs.wanted.length))).toEqual(keys(theirs.wanted));
    expect(all.wanted.length).toBeGreaterThan(theirs.wanted.length);
  });
});
