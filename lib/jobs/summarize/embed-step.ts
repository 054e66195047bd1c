/**
 * The summarize job's embedding step (EMBEDDINGS_MODEL set), run by full runs before the
 * summaries, within EMBED_SHARE_OF_RUN of the run's time: for every saved profile with feedback,
 * the newest papers of its training window that have no vector yet are embedded (each paper
 * version once for everyone, MAX_EMBEDDED_PER_RUN at most), then the profile's embedding points
 * are computed again from the stored vectors (lib/profiles/profile-embedding.ts), under its
 * feedback lock. Profiles are taken in turns (a day's run starts where the last one stopped), one
 * window in memory at a time. Feed requests never embed: they read the points this leaves.
 */
import type { Profile } from '../../model/profile';
import { ProfileBusyError, withProfileLock } from '../../profiles/profile-lock';
import { refreshProfileEmbedding } from '../../profiles/profile-embedding';
import { readTrainingWindow } from '../../profiles/profile-model';
import { isCurrent, parseProfileEmbedding } from '../../score/learned/embedding-model';
import { MAX_EMBEDDED_WINDOW } from '../../score/learned/embedding-points';
import { RUN_LOCK_TTL_SECONDS, SUMMARIZE_LOCK } from '../../store/keys';
import { keepLockAlive } from '../../store/lock-heartbeat';
import type { Store } from '../../store/store';
import { embedPapers } from '../../summarize/embed-papers';
import type { Embedder } from '../../summarize/embedding-client';
import { parseSavedProfile } from './load-profiles';

/** Share of a run's time the step may take; the summaries need the rest. */
export const EMBED_SHARE_OF_RUN = 1 / 4;
/** Papers one run embeds at most (32 requests of 64): a busy day of the common categories. */
export const MAX_EMBEDDED_PER_RUN = 2_048;
/** Saved profiles with feedback one run serves at most. */
export const MAX_EMBED_PROFILES_PER_RUN = 100;

export type EmbedStepResult = {
  /** Saved profiles with feedback. */
  profiles: number;
  embedded: number;
  calls: number;
  /** Profiles whose points were computed again. */
  refreshed: number;
  /** Profiles not served this run (the per-run cap, time, or their lock busy). */
  leftOut: number;
  error: string | null;
};

export type EmbedStepDeps = { store: Store; embedder: Embedder; log?: (line: string) => void; now?: () => number };
export type EmbedStepOptions = { now: Date; untilMs: number; rotation?: number; maxPapers?: number; maxProfiles?: number };

type Saved = { token: string; profile: Profile };

function savedWithFeedback(raw: Record<string, string>): Saved[] {
  return Object.entries(raw).flatMap(([token, json]) => {
    const profile = parseSavedProfile(json);
    return profile && (profile.liked?.length || profile.disliked?.length) ? [{ token, profile }] : [];
  });
}

/** Window papers newest first, each id at its newest version, as many as get points. */
function newestPapers(papers: Awaited<ReturnType<typeof readTrainingWindow>>) {
  const byId = new Map<string, (typeof papers)[number]>();
  for (const p of papers) if ((byId.get(p.id)?.version ?? 0) < p.version) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : 0)).slice(0, MAX_EMBEDDED_WINDOW);
}

/** One profile: embed what its window lacks (within the run's budget), then its points again if anything changed. */
async function serveProfile(deps: EmbedStepDeps, options: EmbedStepOptions, saved: Saved, result: EmbedStepResult, budget: { papers: number }): Promise<void> {
  const { store, embedder } = deps;
  const window = await readTrainingWindow(store, saved.profile);
  const papers = newestPapers(window);
  const stored = await store.getEmbeddings(papers, embedder.scope);
  const missing = papers.filter((p) => !stored.has(`${p.id}v${p.version}`)).slice(0, budget.papers);
  if (missing.length && !result.error) {
    const embedded = await embedPapers(store, embedder, missing, { deadlineMs: options.untilMs, now: deps.now });
    Object.assign(result, { embedded: result.embedded + embedded.embedded, calls: result.calls + embedded.calls, error: embedded.error });
    budget.papers -= embedded.embedded;
    for (const [ref, vector] of embedded.vectors) stored.set(ref, vector);
  }
  // Nothing to do when the record is of these lists and already gives points to every paper with a vector.
  const record = parseProfileEmbedding(await store.getProfileEmbedding(saved.token), embedder.scope);
  const listed = new Set(record?.papers.refs);
  if (isCurrent(record, saved.profile) && [...stored.keys()].every((ref) => listed.has(ref))) return;
  // Under the lock the profile is read again: a click meanwhile has trained its own record.
  await withProfileLock(store, saved.token, async () => {
    const current = parseSavedProfile((await store.getProfile(saved.token)) ?? 'null');
    if (!current) return;
    await refreshProfileEmbedding(store, { token: saved.token, profile: current, papers: window, embedder, now: options.now });
    result.refreshed++;
  });
}

export async function runEmbedStep(deps: EmbedStepDeps, options: EmbedStepOptions): Promise<EmbedStepResult> {
  const now = deps.now ?? Date.now;
  const all = savedWithFeedback(await deps.store.listProfiles());
  const result: EmbedStepResult = { profiles: all.length, embedded: 0, calls: 0, refreshed: 0, leftOut: 0, error: null };
  const maxProfiles = options.maxProfiles ?? MAX_EMBED_PROFILES_PER_RUN;
  const start = all.length ? (Math.max(0, Math.floor(options.rotation ?? 0)) * maxProfiles) % all.length : 0;
  const turn = [...all.slice(start), ...all.slice(0, start)];
  const budget = { papers: options.maxPapers ?? MAX_EMBEDDED_PER_RUN };
  for (const [i, saved] of turn.entries()) {
    if (i >= maxProfiles || now() >= options.untilMs) {
      result.leftOut += turn.length - i;
      break;
    }
    try {
      await serveProfile(deps, options, saved, result, budget);
    } catch (err) {
      // A profile whose lock stays busy is served next run; anything else is the store's, and ends the run.
      if (!(err instanceof ProfileBusyError)) throw err;
      result.leftOut++;
    }
  }
  deps.log?.(
    `embeddings: ${result.embedded} papers embedded in ${result.calls} call(s), points of ${result.refreshed} of ${result.profiles} profile(s) with feedback computed again` +
      `${result.leftOut ? `, ${result.leftOut} left for the next run` : ''}${result.error ? ` (stopped: ${result.error.slice(0, 200)})` : ''}`,
  );
  return result;
}

/** The step alone, under the summarize run lock (a run with summaries off); null when another run holds the lock. */
export async function embedUnderRunLock(deps: EmbedStepDeps, options: EmbedStepOptions): Promise<EmbedStepResult | null> {
  const token = await deps.store.acquireLock(SUMMARIZE_LOCK, RUN_LOCK_TTL_SECONDS);
  if (!token) return null;
  const lease = keepLockAlive(deps.store, SUMMARIZE_LOCK, token, RUN_LOCK_TTL_SECONDS);
  try {
    return await runEmbedStep(deps, options);
  } finally {
    await lease.stop();
    await deps.store.releaseLock(SUMMARIZE_LOCK, token).catch(() => false);
  }
}
