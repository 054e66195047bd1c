/**
 * Which summaries are wanted: for every profile, the papers its feed would show right now (the
 * same window request and ranking as the feeds, lib/select/select-papers.ts), keyed by
 * (paper id + version, scope). However many profiles want a paper, it appears once, with the best
 * score any profile gave it, and with the announcement days whose summary index still lacks it
 * (a feed looks a summary up in the index of the days it reads).
 */
import type { Env } from '../../env';
import { rankWindow, windowRequest } from '../../select/select-papers';
import type { Day } from '../../model/paper';
import type { Store } from '../../store/store';
import type { NamedProfile } from './load-profiles';
import { wantedKey, type WantedSummary } from '../../summarize/wanted-summary';

/** Most relevant first; ties go to the newer announcement, then the id, so runs are deterministic. */
const byRelevance = (a: WantedSummary, b: WantedSummary) =>
  b.score - a.score || b.paper.announced.localeCompare(a.paper.announced) || a.key.localeCompare(b.key);

type WindowStore = Pick<Store, 'readWindow'>;

export async function findWantedSummaries(
  store: WindowStore,
  env: Pick<Env, 'SUMMARY_LANGUAGE' | 'SUMMARY_MODEL' | 'OPENAI_BASE_URL'>,
  profiles: NamedProfile[],
): Promise<WantedSummary[]> {
  const wanted = new Map<string, WantedSummary & { days: Set<Day> }>();
  // Profiles reading the same sources, days and scope share one window read.
  const windows = new Map<string, ReturnType<WindowStore['readWindow']>>();
  for (const { profile } of profiles) {
    const { language, ...request } = windowRequest(profile, env);
    const scope = request.summaryScope;
    const windowKey = JSON.stringify([[...request.sources].sort(), request.days, scope]);
    if (!windows.has(windowKey)) windows.set(windowKey, store.readWindow(request));
    const window = await windows.get(windowKey)!;
    for (const { paper, score, summary } of rankWindow(window, profile)) {
      const key = wantedKey(paper.id, paper.version, scope);
      const entry = wanted.get(key) ?? { key, paper, language, scope, score, missingDays: [], days: new Set<Day>() };
      entry.score = Math.max(entry.score, score);
      if (!summary) entry.days.add(paper.announced);
      wanted.set(key, entry);
    }
  }
  return [...wanted.values()].map(({ days, ...w }) => ({ ...w, missingDays: [...days].sort() })).sort(byRelevance);
}
