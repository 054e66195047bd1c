/**
 * Projects a job's stored RunStatus onto what /api/health shows. Only known fields are copied
 * (the status `detail` is free-form and written by other jobs), strings are cleaned, shortened
 * and redacted, so the health body never carries tokens, secrets or whole upstream responses.
 */
import type { RunStatus } from '../store/store';
import { stripXmlIllegal } from '../text/clean-text';
import { redactSecrets } from './redact-secrets';

/** A run still "running" after this long was killed or timed out (serverless limits are minutes). */
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

/** A run that claims to be running long after any platform would have stopped it. */
function isStuck(status: RunStatus, now: Date): boolean {
  const started = Date.parse(status.startedAt);
  return status.state === 'running' && Number.isFinite(started) && now.getTime() - started > RUN_STUCK_AFTER_MINUTES * 60_000;
}

export function toRunReport(status: RunStatus, secrets: string[], now: Date): RunReport {
  const clean = makeClean(secrets);
  const stuck = isStuck(status, now);
  const error = stuck ? `run started at ${status.startedAt} never finished (killed or timed out)` : status.error;
  const sources = reportedSources(status.detail, clean);
  return {
    state: stuck ? 'failed' : status.state,
    startedAt: clean(status.startedAt, 40),
    ...(status.finishedAt ? { finishedAt: clean(status.finishedAt, 40) } : {}),
    counts: Object.fromEntries(Object.entries(status.counts).filter(([, n]) => Number.isFinite(n)).slice(0, 50)),
    ...(error ? { error: clean(error, MAX_REASON_CHARS) } : {}),
    ...(status.bodyStart ? { bodyStart: clean(status.bodyStart, MAX_BODY_START_CHARS) } : {}),
    ...(sources ? { sources } : {}),
  };
}

/** The summary backlog, if the summarize run recorded it (a finished run's `counts.backlog`). */
export function backlogOf(status: RunStatus | null): number | null {
  const backlog = status?.counts.backlog;
  return isCount(backlog) ? backlog : null;
}
