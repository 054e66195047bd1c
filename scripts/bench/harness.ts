/**
 * The bench's small harness: timing with medians, percentiles, and one figure type that every
 * benchmark returns (value, optional ratio against a yardstick measured in the same run, optional
 * target → PASS/MISS). Ratios matter more than raw speeds: these machines are shared and noisy.
 */
import { performance } from 'node:perf_hooks';

export const median = (xs: number[]): number => percentile(xs, 50);

/** Nearest-rank percentile; NaN for no samples. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Milliseconds of each of `runs` calls after `warmup` untimed ones. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export type Status = 'PASS' | 'MISS' | 'info' | 'pending';

export type Figure = {
  section: string;
  what: string;
  /** Formatted value with unit (`1,234 req/s`). */
  value: string;
  /** Formatted ratio with what it is against, or ''. */
  ratio: string;
  /** Human target (`≥ 0.5`), or ''. */
  target: string;
  status: Status;
  /** Why a target is missed, or what a figure includes. */
  note?: string;
};

export type Check = { op: '<=' | '>=' | '<' | '=='; limit: number };

const checks: Record<Check['op'], (v: number, l: number) => boolean> = {
  '<=': (v, l) => v <= l,
  '>=': (v, l) => v >= l,
  '<': (v, l) => v < l,
  '==': (v, l) => v === l,
};
const opText: Record<Check['op'], string> = { '<=': '≤', '>=': '≥', '<': '<', '==': '=' };

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

/** `12.3 ms` with enough digits for small numbers. */
export const ms = (n: number) => `${fmt(n, n < 10 ? 2 : n < 100 ? 1 : 0)} ms`;
export const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;

export type FigureInput = {
  section: string;
  what: string;
  value: string;
  /** The ratio and what it divides by (`feed ÷ static`). */
  ratio?: { value: number; against: string; digits?: number };
  /** Checked against `checked` (default: the ratio when given, else nothing). */
  target?: Check & { text?: string; on: number; unit?: string };
  note?: string;
};

export function figure(input: FigureInput): Figure {
  const ratio = input.ratio ? `${fmt(input.ratio.value, input.ratio.digits ?? 2)} (${input.ratio.against})` : '';
  let status: Status = 'info';
  let target = '';
  if (input.target) {
    const { op, limit, on } = input.target;
    target = input.target.text ?? `${opText[op]} ${fmt(limit, limit % 1 ? 2 : 0)}${input.target.unit ? ` ${input.target.unit}` : ''}`;
    status = Number.isFinite(on) && checks[op](on, limit) ? 'PASS' : 'MISS';
  }
  return { section: input.section, what: input.what, value: input.value, ratio, target, status, note: input.note };
}

export const pending = (section: string, what: string, why: string): Figure => ({
  section,
  what,
  value: '—',
  ratio: '',
  target: '',
  status: 'pending',
  note: why,
});

/** Runs one benchmark; an exception becomes one `pending` row that says what failed, and the bench goes on. */
export async function guarded(section: string, run: () => Promise<Figure[]>, log: (l: string) => void): Promise<Figure[]> {
  const started = performance.now();
  try {
    const figures = await run();
    log(`  ${section}: done in ${fmt((performance.now() - started) / 1000, 1)} s`);
    return figures;
  } catch (err) {
    const message = (err as Error)?.stack?.split('\n').slice(0, 3).join(' ') ?? String(err);
    log(`  ${section}: FAILED: ${message}`);
    return [pending(section, 'benchmark failed', message.slice(0, 300))];
  }
}
