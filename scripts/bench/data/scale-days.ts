/**
 * The scale store's input: 35 consecutive weekdays of whole-arXiv announcements (SCALE_DAY), each
 * ingested for all 20 archives plus the 20 categories a wide reader picks, so a category and its
 * archive are both stored, as on a deployment where one reader asked for `cs` and another for
 * `cs.LG`. Built on demand (≈ 66,000 items); deterministic like the rest of the bench input.
 */
import { SCALE_DAY, buildDayItems } from './build-items';
import { ALL_ARCHIVES, type BenchDay } from './bench-days';
import { buildRss } from './build-rss';

/** A wide reader's 20 categories (the most a profile may list), across archives. */
export const SCALE_CATEGORIES = [
  'cs.AI', 'cs.CL', 'cs.DC', 'cs.LG', 'cs.CV', 'cs.RO', 'cs.CR', 'cs.SE', 'cs.IR', 'cs.HC',
  'stat.ML', 'stat.ME', 'math.OC', 'math.PR', 'eess.SP', 'eess.SY', 'quant-ph', 'hep-th', 'astro-ph.GA', 'cond-mat.mtrl-sci',
];
export const SCALE_SOURCES = [...ALL_ARCHIVES, ...SCALE_CATEGORIES.filter((c) => !ALL_ARCHIVES.includes(c))];
export const SCALE_DAY_COUNT = 35;

/** `count` consecutive weekdays from 2025-12-01 (winter: the RSS dates assume EST), oldest first. */
export function scaleDays(count = SCALE_DAY_COUNT): string[] {
  const out: string[] = [];
  const d = new Date('2025-12-01T12:00:00Z');
  while (out.length < count) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export function scaleDay(day: string, index: number): BenchDay {
  const items = buildDayItems({ mix: SCALE_DAY, seed: 5000 + index, yymm: index < 22 ? '2512' : '2601', firstNumber: 10000 + (index % 22) * 2000 });
  return { day, items, xml: buildRss(day, SCALE_SOURCES, items) };
}
