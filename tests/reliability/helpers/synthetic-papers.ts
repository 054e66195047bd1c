/**
 * Deterministic synthetic papers for fault-injection tests: ids, titles and abstracts derived from
 * (day, source, index), so any test can say exactly which papers a day must still contain.
 */
import type { Paper } from '../../../lib/model/paper';

export const SOURCES = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'] as const;

/** `2512.10003`-style ids: month from the day, a number unique per (day, source, index). */
export function paperId(day: string, source: string, index: number): string {
  const yymm = day.slice(2, 4) + day.slice(5, 7);
  const n = Number(day.slice(8, 10)) * 1000 + SOURCES.indexOf(source as (typeof SOURCES)[number]) * 250 + index;
  return `${yymm}.${String(n).padStart(5, '0')}`;
}

export function syntheticPaper(day: string, source: string, index: number): Paper {
  return {
    id: paperId(day, source, index),
    version: 1,
    title: `Efficient sparse attention for ${source} workloads, part ${index}`,
    abstract: `We study distributed inference on day ${day}. `.repeat(8).trim(),
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: [source],
    announceType: 'new',
    announced: day,
    firstAnnounced: day,
  };
}

/** One announcement day: `perSource` papers in each source. */
export function syntheticDay(day: string, perSource: number, sources: readonly string[] = SOURCES): Record<string, Paper[]> {
  return Object.fromEntries(sources.map((s) => [s, Array.from({ length: perSource }, (_, i) => syntheticPaper(day, s, i))]));
}

/** Weekdays from `start` (YYYY-MM-DD), `count` of them. */
export function weekdays(start: string, count: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); out.length < count; t += 24 * 3600 * 1000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
