/**
 * A summarize run's work is bounded whatever profiles anyone saves: stored profiles cannot add
 * summary scopes the deployment does not offer (320 records with unique `language`s once made
 * every run read 321 windows and run out of heap), windows are capped per run and take turns, the
 * wanted list is capped to its most relevant entries, papers are held once, and the lazy drain
 * after a feed request serves that feed's profile without reading every saved one.
 */
import { describe, expect, it } from 'vitest';
import { findWantedSummaries } from '../../lib/jobs/summarize/find-wanted';
import { drainSummaries } from '../../lib/jobs/summarize/drain-summaries';
import { loadProfiles } from '../../lib/jobs/summarize/load-profiles';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import type { Store } from '../../lib/store/store';
import { NOW, setupSummarize } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();

/** The store, counting the calls that grow with the number of profiles. */
function counting(store: Store) {
  const calls = { readWindow: 0, listProfiles: 0, windowDays: [] as number[] };
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if ((name === 'readWindow' || name === 'listProfiles') && typeof value === 'function')
        return (...args: unknown[]) => {
          calls[name]++;
          if (name === 'readWindow') calls.windowDays.push((args[0] as { days: number }).days);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return value;
    },
  });
  return { store: counted, calls };
}

const run = (store: Store, env: Parameters<typeof runSummarize>[0]['env'], extra: Partial<Parameters<typeof runSummarize>[1]> = {}) =>
  runSummarize({ store, env }, { now: NOW, deadline: Date.now() + 60_000, minCallWindowMs: 50, ...extra });

describe('stored profiles cannot multiply the work', () => {
  it('320 saved records with unique languages cost no more window reads than one profile', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, profiles: [] });
    // Records saved before languages were restricted (the API refuses them now): stored as they were.
    for (let i = 0; i < 320; i++)
      await world.fx.store.putProfile(`unique-language-${String(i).padStart(16, '0')}`, JSON.stringify({ categories: ['cs'], days: 30, language: `en-x-u${String(i).padStart(4, '0')}` }));
    const { store, calls } = counting(world.fx.store);
    const result = await run(store, world.fx.env, { maxPapers: 2 });
    expect(result.state).toBe('ok');
    expect(result.counts.profiles).toBe(321);
    // The default profile's window and the one every record shares, in the default language.
    expect(calls.readWindow).toBeLessThanOrEqual(2);
    expect(result.counts.windows).toBe(calls.readWindow);
    expect(world.fake.requests.every((r) => r.language === 'en')).toBe(true);
  });

  it('windows per run are capped; the profiles left out are counted and read first next time', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, profiles: [] });
    const profiles = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}`, profile: { categories: ['cs.LG'], keywords: [], exclude: [], authors: [], min_score: 0, types: ['new' as const], days: i + 1 } }));
    const { store, calls } = counting(world.fx.store);
    const first = await findWantedSummaries(store, world.fx.env, profiles, { maxWindowReads: 4, rotation: 0 });
    expect(first).toMatchObject({ windowsRead: 4, profilesLeftOut: 2 });
    expect(calls.windowDays).toEqual([1, 2, 3, 4]);
    calls.windowDays.length = 0;
    const next = await findWantedSummaries(store, world.fx.env, profiles, { maxWindowReads: 4, rotation: 1 });
    expect(next).toMatchObject({ windowsRead: 4, profilesLeftOut: 2 });
    // The next turn starts with the two left out.
    expect(calls.windowDays).toEqual([5, 6, 1, 2]);
    const stopped = await findWantedSummaries(world.fx.store, world.fx.env, profiles, { readUntil: 0 });
    expect(stopped).toMatchObject({ windowsRead: 0, profilesLeftOut: 6, wanted: [] });
  });

  it('the wanted list keeps the most relevant entries only, counts the rest, and holds each paper once', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const profiles = await loadProfiles(world.fx.store, world.fx.env);
    const full = await findWantedSummaries(world.fx.store, world.fx.env, profiles);
    const capped = await findWantedSummaries(world.fx.store, world.fx.env, profiles, { maxWanted: 3 });
    expect(full.wanted.length).toBeGreaterThan(3);
    expect(capped.wanted.map((w) => w.key)).toEqual(full.wanted.slice(0, 3).map((w) => w.key));
    expect(capped.candidates).toBe(full.candidates);
    // A paper wanted in two languages is one object.
    const byRef = new Map<string, Set<object>>();
    for (const w of full.wanted) {
      const ref = `${w.paper.id}v${w.paper.version}@${w.paper.announced}`;
      byRef.set(ref, (byRef.get(ref) ?? new Set()).add(w.paper));
    }
    expect([...byRef.values()].every((papers) => papers.size === 1)).toBe(true);
    expect(full.wanted.length).toBeGreaterThan(byRef.size);
  });

  it('after a full run nothing is left to do: every candidate is counted as done, none kept', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env: { SUMMARY_MAX_PAPERS: '1000' } });
    await run(world.fx.store, world.fx.env);
    const profiles = await loadProfiles(world.fx.store, world.fx.env);
    const after = await findWantedSummaries(world.fx.store, world.fx.env, profiles);
    expect(after.wanted).toEqual([]);
    expect(after.done).toBe(after.candidates);
    expect(after.candidates).toBeGreaterThan(0);
  });
});

describe('the lazy drain stays off the profile list', () => {
  it("serves the feed's profile with one window read, never listing the saved profiles", async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const { store, calls } = counting(world.fx.store);
    const profile = { categories: ['cs.CL'], keywords: ['decoding'], exclude: [], authors: [], min_score: 0, types: ['new' as const], days: 2, language: 'zh' };
    const result = await drainSummaries({ store, env: world.fx.env }, { now: NOW, profile });
    expect(result?.counts.summarized).toBeGreaterThan(0);
    expect(calls.listProfiles).toBe(0);
    expect(calls.readWindow).toBe(1);
    expect(world.fake.requests.every((r) => r.language === 'zh')).toBe(true);
  });

  it("keeps the last full run's backlog on health, less what it made", async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const full = await run(world.fx.store, world.fx.env, { maxPapers: 2 });
    expect(full.counts.backlog).toBeGreaterThan(5);
    const drained = await drainSummaries({ store: world.fx.store, env: world.fx.env }, { now: NOW });
    expect(drained?.counts.summarized).toBe(3);
    expect((await world.fx.store.getStatus('summarize'))?.counts.backlog).toBe(full.counts.backlog - 3);
  });
});
