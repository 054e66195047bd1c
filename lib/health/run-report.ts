/**
 * Projects a job's stored RunStatus onto what /api/health shows. Only known fields are copied
 * (the status `detail` is free-form and written by other jobs), strings are cleaned, shortened
 * and redacted, so the health body never carries tokens, secrets or whole upstream responses.
 */
import type { LockHolder } from '../store/run-state';
import type { RunStatus } from '../store/store';
import { stripXmlIllegal } from '../text/clean-text';
import { redactSecrets } from './redact-secrets';

/**
 * A run still "running" after this long was killed or timed out (serverless limits are minutes);
 * the rule for a status whose lock was not looked up. With the lock known, a run is dead as soon
 * as its lock is gone (it renews the lock while it lives: RUN_LOCK_TTL_SECONDS).
 */
export const RUN_STUCK_AFTER_MINUTES = 30;
const MAX_REASON_CHARS = 300;
/** The start of a bad upstream answer: enough to tell an HTML error page from a broken feed. */
const MAX_BODY_START_CHARS = 200;
/** A status detail names a handful of categories; more is not something health needs to echo. */
const MAX_SOURCES = 100;

/** One source's line in the last ingest as health shows it: what happened and how many papers it had. */
export type ReportedSource = { state: string; count?: number };

export type RunReport = {
  state: RunStatus['state'];
  startedAt: string;
  finishedAt?: string;
  counts: Record<string, number>;
  error?: string;
  bodyStart?: string;
  /** Per category/source outcome (stored / already-stored / quiet / failed), when the job recorded it. */
  sources?: Record<string, ReportedSource>;
  /** Who runs it (`pid@host`) and since when, while it is running. */
  lock?: LockHolder;
};

type Clean = (text: string, max: number) => string;

const makeClean =
  (secrets: string[]): Clean =>
  (text, max) =>
    redactSecrets(stripXmlIllegal(text), secrets).slice(0, max);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One source as the ingest job writes it, `{ outcome, papers }`; anything else is not shown. */
function toReportedSource(value: unknown, clean: Clean): ReportedSource | null {
  if (!isRecord(value) || typeof value.outcome !== 'string') return null;
  return { state: clean(value.outcome, 40), ...(isCount(value.papers) ? { count: value.papers } : {}) };
}

/** The ingest job's per-source outcomes (`detail.sources`); other jobs write none. */
function reportedSources(detail: Record<string, unknown> | undefined, clean: Clean): Record<string, ReportedSource> | undefined {
  if (!isRecord(detail?.sources)) return undefined;
  const out: Record<string, ReportedSource> = {};
  for (const [name, value] of Object.entries(detail.sources).slice(0, MAX_SOURCES)) {
    const source = toReportedSource(value, clean);
    if (source) out[clean(name, 64)] = source;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Why a status that says "running" belongs to a run that stopped without finishing, or null while
 * it may still run: its lock is gone or held by another run (`lock` looked up), or, without the
 * lock, it started longer ago than any platform lets a run last.
 */
function whyDead(status: RunStatus, now: Date, lock: LockHolder | null | undefined): string | null {
  if (status.state !== 'running') return null;
  const never = `run started at ${status.startedAt} never finished`;
  if (lock === undefined) {
    const started = Date.parse(status.startedAt);
    const stuck = Number.isFinite(started) && now.getTime() - started > RUN_STUCK_AFTER_MINUTES * 60_000;
    return stuck ? `${never} (killed or timed out)` : null;
  }
  if (!lock) return `${never}: its lock is gone (the process was killed or crashed)`;
  const mine = !status.lock || (status.lock.holder === lock.holder && status.lock.since === lock.since);
  return mine ? null : `${never}: its lock is now held by another run (the process was killed or crashed)`;
}

/** `lock`: the job's run lock as looked up now (null: nobody holds it; omitted: not looked up). */
export function toRunReport(status: RunStatus, secrets: string[], now: Date, lock?: LockHolder | null): RunReport {
  const clean = makeClean(secrets);
  const dead = whyDead(status, now, lock);
  const error = dead ?? status.error;
  const sources = reportedSources(status.detail, clean);
  const running = status.state === 'running' && !dead && lock ? { lock: { holder: clean(lock.holder, 100), since: clean(lock.since, 40) } } : {};
  return {
    state: dead ? 'failed' : status.state,
    startedAt: clean(status.startedAt, 40),
    ...(status.finishedAt ? { finishedAt: clean(status.finishedAt, 40) } : {}),
    counts: Object.fromEntries(Object.entries(status.counts).filter(([, n]) => Number.isFinite(n)).slice(0, 50)),
    ...(error ? { error: clean(error, MAX_REASON_CHARS) } : {}),
    ...(status.bodyStart ? { bodyStart: clean(status.bodyStart, MAX_BODY_START_CHARS) } : {}),
    ...(sources ? { sources } : {}),
    ...running,
  };
}

/** The summary backlog, if the summarize run recorded it (a finished run's `counts.backlog`). */
export function backlogOf(status: RunStatus | null): number | null {
  const backlog = status?.counts.backlog;
  return isCount(backlog) ? backlog : null;
}
