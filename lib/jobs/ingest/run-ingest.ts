/**
 * The ingest job: one arXiv RSS request for every source, parsed, checked, bucketed per source and
 * committed as one announcement day; on an empty store, a bounded API backfill of recent history.
 * Called by `npm run ingest` (scripts/ingest.ts), the cron route (app/api/cron/ingest/route.ts),
 * the first-start background fetch (instrumentation.ts) and, for some categories on demand, the feed.
 *
 * Upstream failures never throw: nothing from a refused answer is stored, every stored paper is
 * kept, and the run status records what happened (state, error, first 200 bytes, per source).
 * Store failures do throw (StoreUnavailableError): callers answer 503.
 * Only one ingest runs at a time (store lock INGEST_LOCK); a second one waits for it, then finds the
 * day already stored and stores nothing.
 */
import type { Env } from '../../env';
import { newYorkDay } from '../../arxiv/announcement-day';
import { ArxivResponseError } from '../../arxiv/arxiv-error';
import { sleep } from '../../arxiv/arxiv-slot';
import { rssUrl } from '../../arxiv/arxiv-urls';
import { fetchArxiv, type ArxivFetchOptions } from '../../arxiv/fetch-arxiv';
import { parseAnnouncements, type Announcement } from '../../arxiv/parse-announcements';
import { arxivUserAgent } from '../../arxiv/user-agent';
import type { Day } from '../../model/paper';
import { INGEST_LOCK, INGEST_STATUS_KIND, RUN_LOCK_TTL_SECONDS } from '../../store/keys';
import { keepLockAlive } from '../../store/lock-heartbeat';
import { lockHolderOf } from '../../store/run-state';
import type { Manifest, RunStatus, Store } from '../../store/store';
import { capSources, chooseSources } from './choose-sources';
import { classifyPapers, withFirstAnnounced } from './classify-papers';
import { emptyCounts, type IngestResult } from './ingest-result';
import { planDay, type DayPlan } from './plan-day';
import { runBackfill } from './run-backfill';

/** A waiting run gives up when less than this is left before its deadline. */
const MIN_RUN_MS = 5_000;
const LOCK_POLL_MS = 250;

export type IngestDeps = {
  store: Store;
  env: Env;
  fetch?: typeof fetch;
  log?: (line: string) => void;
};

export type IngestOptions = {
  /** Start of the run (fixed in tests); status times are based on it. */
  now: Date;
  /** The run stops asking arXiv and waiting for locks at this time (a Date or epoch ms). */
  deadline: Date | number;
  /** Fetch only these categories/archives (on demand) instead of the configured set. */
  sources?: string[];
  /** Fill history from the API when the store is empty. @default true */
  backfill?: boolean;
  /** Store the day even when it has far fewer papers than usual (`npm run ingest -- --accept-small`). @default false */
  acceptSmall?: boolean;
  /** TTL of the ingest lock, renewed every third of it while the run lives. @default RUN_LOCK_TTL_SECONDS */
  lockTtlSeconds?: number;
};

/** A run that held the lock ends in one of the plan's states; only a run that never got it is `busy`. */
type LockedResult = IngestResult & { state: DayPlan['state'] };

export async function runIngest(deps: IngestDeps, given: IngestOptions): Promise<IngestResult> {
  const options = { ...given, deadline: new Date(given.deadline) };
  const log = deps.log ?? (() => {});
  const started = Date.now();
  const lockTtlSeconds = options.lockTtlSeconds ?? RUN_LOCK_TTL_SECONDS;
  const token = await waitForIngestLock(deps.store, options.deadline, lockTtlSeconds, log);
  if (!token)
    return { state: 'busy', counts: emptyCounts(), sources: [], error: 'another ingest was still running at the deadline', detail: {}, durationMs: Date.now() - started };
  const lease = keepLockAlive(deps.store, INGEST_LOCK, token, lockTtlSeconds, () => log('ingest: the ingest lock expired before it could be renewed; another ingest may start'));
  try {
    const startedAt = options.now.toISOString();
    const lock = lockHolderOf(token) ?? undefined;
    await deps.store.putStatus({ kind: INGEST_STATUS_KIND, state: 'running', startedAt, counts: {}, lock });
    const result = await ingestLocked(deps, options, log);
    result.durationMs = Date.now() - started;
    await deps.store.putStatus(toRunStatus(result, startedAt, new Date(options.now.getTime() + result.durationMs)));
    return result;
  } finally {
    await lease.stop();
    await deps.store.releaseLock(INGEST_LOCK, token).catch(() => false);
  }
}

async function waitForIngestLock(store: Store, deadline: Date, ttlSeconds: number, log: (l: string) => void): Promise<string | null> {
  for (let waited = false; ; waited = true) {
    const token = await store.acquireLock(INGEST_LOCK, ttlSeconds);
    if (token) return token;
    if (!waited) log('ingest: another ingest is running; waiting for it to finish');
    if (deadline.getTime() - Date.now() < MIN_RUN_MS) return null;
    await sleep(LOCK_POLL_MS);
  }
}

function toRunStatus(result: LockedResult, startedAt: string, finishedAt: Date): RunStatus {
  return {
    kind: INGEST_STATUS_KIND,
    state: result.state,
    startedAt,
    finishedAt: finishedAt.toISOString(),
    counts: { ...result.counts },
    ...(result.error && { error: result.error }),
    ...(result.bodyStart !== undefined && { bodyStart: result.bodyStart }),
    detail: { ...result.detail, day: result.day ?? null, sources: result.sourceOutcomes ?? {} },
  };
}

const newestStoredDay = (manifest: Manifest, sources: string[]): Day | null =>
  Object.keys(manifest.days)
    .filter((d) => sources.some((s) => manifest.days[d]?.[s]))
    .sort()
    .pop() ?? null;

async function ingestLocked(deps: IngestDeps, options: IngestOptions & { deadline: Date }, log: (l: string) => void): Promise<LockedResult> {
  const { store, env } = deps;
  const manifest = await store.readManifest();
  const { sources, ignored, requestedOverCap } = options.sources ? capSources(options.sources) : await chooseSources(store, env, options.now);
  const url = rssUrl(env.ARXIV_RSS_URL, sources);
  const detail: Record<string, unknown> = {
    url,
    lastStoredDay: newestStoredDay(manifest, sources),
    ...(ignored.length && { ignoredSources: ignored }),
    ...(requestedOverCap && { requestedOverCap }),
  };
  const result: LockedResult = { state: 'failed', counts: emptyCounts(), sources, detail, durationMs: 0 };
  if (!sources.length) return { ...result, error: 'no valid arXiv categories to ingest (check ARXIV_CATEGORIES)' };

  const request: ArxivFetchOptions = {
    userAgent: arxivUserAgent(env.PUBLIC_BASE_URL),
    minIntervalMs: env.ARXIV_MIN_INTERVAL_MS,
    timeoutMs: env.ARXIV_TIMEOUT_MS,
    deadline: options.deadline,
    maxBytes: env.ARXIV_MAX_BYTES,
  };
  log(`ingest: asking arXiv for ${sources.length} source(s) (${sources.join(', ')})…`);
  let announcement: Announcement;
  try {
    announcement = await fetchArxiv(url, (body) => parseAnnouncements(body, url), deps, request);
  } catch (err) {
    if (!(err instanceof ArxivResponseError)) throw err;
    const sourceOutcomes = Object.fromEntries(sources.map((s) => [s, { outcome: 'failed' as const, papers: 0 }]));
    return { ...result, error: err.message, bodyStart: err.detail.bodyStart ?? '', sourceOutcomes };
  }

  const plan = planDay(announcement, manifest, sources, { acceptSmall: options.acceptSmall });
  Object.assign(result, { state: plan.state, day: plan.day, error: plan.error, sourceOutcomes: plan.sourceOutcomes });
  Object.assign(detail, plan.detail);
  result.counts.fetched = announcement.items;
  result.counts.skipped = plan.skipped;
  if (plan.day && plan.matched.length) {
    const ids = [...new Set(plan.matched.map((p) => p.id))];
    const classification = classifyPapers(plan.matched, await store.getPaperVersions(ids), plan.day);
    Object.assign(result.counts, classification.counts);
    if (plan.state === 'ok') {
      // Versions first, then the day: a crash in between leaves no day, which the next run stores again.
      await store.putPaperVersions(classification.updates);
      await store.commitDay(plan.day, withFirstAnnounced(plan.commit, classification.firstAnnounced), options.now);
    }
  }

  const storeWasEmpty = !Object.keys(manifest.days).length;
  if (options.backfill !== false && storeWasEmpty && (plan.state === 'ok' || plan.state === 'quiet')) {
    log('ingest: the store was empty; filling recent history from the arXiv API…');
    const backfill = await runBackfill(deps, {
      apiUrl: env.ARXIV_API_URL,
      sources,
      beforeDay: plan.day ?? newYorkDay(options.now),
      knownIds: new Set(announcement.papers.map((p) => p.id)),
      now: options.now,
      request,
    });
    if (backfill.state === 'failed') log(`ingest: history backfill failed (today's papers are kept): ${backfill.error}`);
    result.counts.backfilled = backfill.papers;
    detail.backfill = backfill;
  }
  return result;
}
