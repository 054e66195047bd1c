/**
 * Which summaries are wanted: for every profile, the papers its feed would show right now (the
 * same window request and ranking as the feeds, lib/select/select-papers.ts), keyed by
 * (paper id + version, scope). However many profiles want a paper, it appears once, with the best
 * priority and score any profile gave it, and with the announcement days whose summary index still
 * lacks it (a feed looks a summary up in the index of the days it reads).
 * Bounded whatever the profiles ask for: profiles reading the same sources, days and scope share
 * one window read; windows are read one at a time and dropped once ranked (a wanted entry keeps its
 * paper, not the window); a run reads at most MAX_WINDOW_READS_PER_RUN windows, stops reading at
 * `readUntil`, and keeps at most MAX_WANTED_PER_RUN entries (the most relevant). Summaries already
 * stored and indexed for every day a feed reads are only counted. What a capped run leaves out is
 * counted too, and the next run starts where this one stopped, so every profile gets its turn.
 */
import type { Env } from '../../env';
import { rankWindow, windowRequest } from '../../select/select-papers';
import type { Store } from '../../store/store';
import type { NamedProfile } from './load-profiles';
import { WantedAccumulator } from './wanted-accumulator';
import type { WantedSummary } from '../../summarize/wanted-summary';

/** Windows one run reads at most (each within MAX_WINDOW_BYTES, one held at a time). */
export const MAX_WINDOW_READS_PER_RUN = 200;
/** Wanted summaries one run keeps at most, the most relevant (a run makes at most SUMMARY_MAX_PAPERS ≤ 10,000). */
export const MAX_WANTED_PER_RUN = 10_000;

type WindowStore = Pick<Store, 'readWindow' | 'readManifest'>;
type ScopeEnv = Parameters<typeof windowRequest>[1];

export type FindWantedOptions = {
  /** @default MAX_WINDOW_READS_PER_RUN */
  maxWindowReads?: number;
  /** @default MAX_WANTED_PER_RUN */
  maxWanted?: number;
  /**
   * Which turn this run is (e.g. the day number): a run starts `rotation × maxWindowReads` windows
   * into the list, where the previous turn stopped, so runs capped by reads take turns.
   */
  rotation?: number;
  /** No window is read once `now()` passes this (the summarizing needs the rest of the run). */
  readUntil?: number;
  now?: () => number;
};

export type WantedList = {
  /** Summaries missing, or missing from a day index some feed reads: by the wanting profiles' priority, then most relevant first. */
  wanted: WantedSummary[];
  /** Distinct (paper version, scope) summaries the profiles read this run want. */
  candidates: number;
  /** Of those, stored and indexed for every day a feed reads: nothing to do. */
  done: number;
  windowsRead: number;
  /** Profiles whose window this run did not read (read or time cap). */
  profilesLeftOut: number;
};

/** One window read: the profiles that share its sources, days and summary scope. */
type WindowTask = { sources: string[]; days: number; scope: string; language: string; profiles: NamedProfile[] };

function windowTasks(profiles: NamedProfile[], env: ScopeEnv): WindowTask[] {
  const tasks = new Map<string, WindowTask>();
  for (const named of profiles) {
    const { language, sources, days, summaryScope: scope } = windowRequest(named.profile, env);
    const key = JSON.stringify([[...sources].sort(), days, scope]);
    const task = tasks.get(key) ?? { sources, days, scope, language, profiles: [] };
    task.profiles.push(named);
    tasks.set(key, task);
  }
  return [...tasks.values()];
}

const rotate = <T>(list: T[], by: number) => (list.length ? [...list.slice(by % list.length), ...list.slice(0, by % list.length)] : list);

export async function findWantedSummaries(
  store: WindowStore,
  env: ScopeEnv & Pick<Env, 'SUMMARY_LANGUAGE'>,
  profiles: NamedProfile[],
  options: FindWantedOptions = {},
): Promise<WantedList> {
  const { maxWindowReads = MAX_WINDOW_READS_PER_RUN, readUntil = Infinity, now = Date.now } = options;
  const wanted = new WantedAccumulator(options.maxWanted ?? MAX_WANTED_PER_RUN);
  // One manifest for every read of the run: each window is one round trip, and all see the same data.
  const manifest = await store.readManifest();
  let windowsRead = 0;
  let profilesLeftOut = 0;
  const start = Math.max(0, Math.floor(options.rotation ?? 0)) * maxWindowReads;
  for (const task of rotate(windowTasks(profiles, env), start)) {
    if (windowsRead >= maxWindowReads || now() >= readUntil) {
      profilesLeftOut += task.profiles.length;
      continue;
    }
    windowsRead++;
    const window = await store.readWindow({ sources: task.sources, days: task.days, summaryScope: task.scope, manifest });
    for (const { profile, priority = 0 } of task.profiles) wanted.add(rankWindow(window, profile), task.scope, task.language, priority);
  }
  return { ...wanted.result(), windowsRead, profilesLeftOut };
}
