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
/** The issue asks to record the first 200 bytes of a bad upstream answer. */
const MAX_BODY_START_CHARS = 200;
/** A status detail names a handful of categories; more is not something health needs to echo. */
const MAX_SOURCES = 100;

export type SourceOutcome = { state: string; reason?: string; count?: number };

export type RunReport = {
  state: RunStatus['state'];
  startedAt: string;
  finishedAt?: string;
  counts: Record<string, number>;
  error?: string;
  bodyStart?: string;
  /** Per category/source outcome (ok / quiet / failed + reason), when the job recorded it. */
  sources?: Record<string, SourceOutcome>;
};

type Clean = (text: string, max: number) => string;

const makeClean =
  (secrets: string[]): Clean =>
  (text, max) =>
    redactSecrets(stripXmlIllegal(text), secrets).slice(0, max);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const firstString = (o: Record<string, unknown>, names: string[]) =>
  names.map((n) => o[n]).find((v): v is string => typeof v === 'string');
const firstNumber = (o: Record<string, unknown>, names: string[]) =>
  names.map((n) => o[n]).find((v): v is number => typeof v === 'number' && Number.isFinite(v));

/** One source's outcome from whatever shape the job wrote: `"quiet"` or `{state, reason, count}`. */
function toOutcome(value: unknown, clean: Clean): SourceOutcome | null {
  if (typeof value === 'string') return { state: clean(value, 40) };
  if (!isRecord(value)) return null;
  const state = firstString(value, ['state', 'status', 'outcome']);
  if (!state) return null;
  const reason = firstString(value, ['reason', 'error', 'message']);
  const count = firstNumber(value, ['count', 'papers', 'stored', 'items']);
  return {
    state: clean(state, 40),
    ...(reason ? { reason: clean(reason, MAX_REASON_CHARS) } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}

/** Per-source outcomes: `detail.categories` / `detail.sources`, or detail entries that look like outcomes. */
function sourceOutcomes(detail: Record<string, unknown> | undefined, clean: Clean): Record<string, SourceOutcome> | undefined {
  if (!detail) return undefined;
  const nested = [detail.categories, detail.sources].find(isRecord);
  const candidates = Object.entries(nested ?? detail).filter(([, v]) => nested || isRecord(v));
  const out: Record<string, SourceOutcome> = {};
  for (const [name, value] of candidates.slice(0, MAX_SOURCES)) {
    const outcome = toOutcome(value, clean);
    if (outcome) out[clean(name, 64)] = outcome;
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
  const sources = sourceOutcomes(status.detail, clean);
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

/** The summary backlog, if the summarize job recorded it (in counts or detail). */
export function backlogOf(status: RunStatus | null): number | null {
  if (!status) return null;
  const fromCounts = status.counts.backlog ?? status.counts.remaining;
  if (typeof fromCounts === 'number' && Number.isFinite(fromCounts)) return fromCounts;
  return (status.detail && firstNumber(status.detail, ['backlog', 'remaining'])) ?? null;
}
