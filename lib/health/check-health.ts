/**
 * What /api/health reports: is the store reachable, how fresh is the data, how did the last
 * ingest and summarize runs go (per category), is the summary backlog draining, which version
 * runs. Public by design, so it names the backend but never a URL, token or secret.
 * The store answers → 200 (even when a run failed: that is "degraded", and the body says why);
 * the store does not answer → 503 with Retry-After, so monitors and CDNs back off.
 */
import type { Env } from '../env';
import { StoreUnavailableError } from '../errors';
import { INGEST_LOCK, INGEST_STATUS_KIND, SUMMARIZE_LOCK, SUMMARIZE_STATUS_KIND } from '../store/keys';
import type { LockHolder } from '../store/run-state';
import type { Manifest, RunStatus, Store } from '../store/store';
import { APP_VERSION } from './app-version';
import { dataFreshness } from './data-freshness';
import { redactSecrets, secretValues } from './redact-secrets';
import { backlogOf, toRunReport, type RunReport } from './run-report';

/** Monitors retry after this; the CDN keeps serving stale feeds meanwhile. */
export const HEALTH_RETRY_AFTER_SECONDS = 30;

export type HealthState = 'ok' | 'degraded' | 'unavailable';

export type HealthReport = {
  status: HealthState;
  /** Why the status is not `ok`, in words. */
  problems: string[];
  version: string;
  checkedAt: string;
  store: { backend: string; reachable: boolean; latencyMs?: number; error?: string };
  data: {
    latestDay: string | null;
    /** The newest announcement arXiv's schedule says should be stored by now. */
    expectedDay: string;
    /** Weekday mailings after `latestDay` up to `expectedDay`. */
    missingMailings: number | null;
    /** True when one missing mailing is excused: the last ingest looked for it and arXiv had nothing new. */
    holiday: boolean;
    daysStored: number;
    revision: number;
    updatedAt: string | null;
    ageDays: number | null;
    stale: boolean;
  } | null;
  ingest: RunReport | null;
  summarize: (RunReport & { backlog: number | null }) | null;
  summaries: { enabled: boolean; model: string; language: string; reason?: string };
};

export type HealthResult = { httpStatus: 200 | 503; report: HealthReport };

type HealthStore = Pick<Store, 'ping' | 'readManifest' | 'getStatus' | 'getLockHolder'> & { readonly backend: string };
type Reads = { latencyMs: number; manifest: Manifest; ingest: RunStatus | null; summarize: RunStatus | null; locks: (LockHolder | null)[] };

/**
 * The run locks first, then the statuses: a job writes its final status before it releases its
 * lock, so "running" with no lock afterwards means the job died, never that it just finished.
 */
async function readStore(store: HealthStore): Promise<Reads> {
  const started = performance.now();
  await store.ping();
  const latencyMs = Math.round(performance.now() - started);
  const locks = await Promise.all([store.getLockHolder(INGEST_LOCK), store.getLockHolder(SUMMARIZE_LOCK)]);
  const [manifest, ingest, summarize] = await Promise.all([
    store.readManifest(),
    store.getStatus(INGEST_STATUS_KIND),
    store.getStatus(SUMMARIZE_STATUS_KIND),
  ]);
  return { latencyMs, manifest, ingest, summarize, locks };
}

const DAY_MS = 24 * 3600 * 1000;

function dataReport(manifest: Manifest, now: Date, ingest: RunStatus | null): NonNullable<HealthReport['data']> {
  const days = Object.keys(manifest.days).sort();
  const latestDay = days.at(-1) ?? null;
  const ageDays = latestDay ? Math.max(0, Math.floor((now.getTime() - Date.parse(`${latestDay}T00:00:00Z`)) / DAY_MS)) : null;
  const { expectedDay, missingMailings, holiday, stale } = dataFreshness(latestDay, now, ingest);
  return {
    latestDay,
    expectedDay,
    missingMailings,
    holiday,
    daysStored: days.length,
    revision: manifest.revision,
    updatedAt: manifest.revision ? manifest.updatedAt : null,
    ageDays,
    stale,
  };
}

function summariesOffReason(env: Env): string {
  if (env.ignoredPlaceholders?.includes('OPENAI_API_KEY'))
    return 'OPENAI_API_KEY holds a placeholder (like sk-... or your-key), not a key, so it counts as unset: feeds are served without summaries. Set the real key, or delete the variable.';
  return 'OPENAI_API_KEY is not set: feeds are served without summaries.';
}

function summariesReport(env: Env): HealthReport['summaries'] {
  const enabled = Boolean(env.OPENAI_API_KEY);
  return {
    enabled,
    model: env.SUMMARY_MODEL,
    language: env.SUMMARY_LANGUAGE,
    ...(enabled ? {} : { reason: summariesOffReason(env) }),
  };
}

function problemsOf(report: Omit<HealthReport, 'status' | 'problems'>): string[] {
  const problems: string[] = [];
  if (!report.store.reachable) problems.push('store unreachable');
  if (report.ingest?.state === 'failed') problems.push(`last ingest failed: ${report.ingest.error ?? 'no reason recorded'}`);
  const failedSources = Object.entries(report.ingest?.sources ?? {}).filter(([, o]) => o.state === 'failed');
  if (failedSources.length && report.ingest?.state !== 'failed')
    problems.push(`ingest failed for ${failedSources.map(([s]) => s).join(', ')}`);
  if (report.summarize?.state === 'failed') problems.push(`last summarize run failed: ${report.summarize.error ?? 'no reason recorded'}`);
  const data = report.data;
  if (data && !data.latestDay) problems.push('no papers stored yet');
  else if (data?.stale) {
    const missing = `${data.missingMailings} mailing${data.missingMailings === 1 ? '' : 's'} missing`;
    problems.push(`newest announcement is ${data.ageDays} days old (${data.latestDay}); arXiv's schedule expects ${data.expectedDay}: ${missing}`);
  }
  return problems;
}

/**
 * A short reason the store failed: the error class and system error code only. Driver messages
 * carry file paths and URLs, so the whole message goes to the server log, not to the public body.
 */
function storeError(err: unknown, secrets: string[]): string {
  const message = err instanceof Error ? err.message : String(err);
  console.error('[arxiv-feeds] health: store check failed:', redactSecrets(message, secrets));
  const code = message.match(/\b(E[A-Z]{3,}|NOAUTH|WRONGPASS|LOADING|READONLY)\b/)?.[1];
  const kind = err instanceof StoreUnavailableError ? 'unreachable' : 'error';
  return code ? `${kind} (${code})` : kind;
}

/** Checks everything health reports; never throws for a store failure (that is the 503 case). */
export async function checkHealth(options: { openStore: () => Promise<HealthStore>; backend: string; env: Env; now?: Date }): Promise<HealthResult> {
  const now = options.now ?? new Date();
  const secrets = secretValues(options.env);
  const base = { version: APP_VERSION, checkedAt: now.toISOString(), summaries: summariesReport(options.env) };
  let reads: Reads;
  try {
    reads = await readStore(await options.openStore());
  } catch (err) {
    const partial = { ...base, store: { backend: options.backend, reachable: false, error: storeError(err, secrets) }, data: null, ingest: null, summarize: null };
    return { httpStatus: 503, report: { status: 'unavailable', problems: problemsOf(partial), ...partial } };
  }
  const { latencyMs, manifest, ingest, summarize, locks } = reads;
  const partial = {
    ...base,
    store: { backend: options.backend, reachable: true, latencyMs },
    data: dataReport(manifest, now, ingest),
    ingest: ingest ? toRunReport(ingest, secrets, now, locks[0]) : null,
    summarize: summarize ? { ...toRunReport(summarize, secrets, now, locks[1]), backlog: backlogOf(summarize) } : null,
  };
  const problems = problemsOf(partial);
  return { httpStatus: 200, report: { status: problems.length ? 'degraded' : 'ok', problems, ...partial } };
}
