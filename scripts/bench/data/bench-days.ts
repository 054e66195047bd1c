/**
 * The fixed input of the bench: seven busy announcement days of cs.AI+cs.CL+cs.DC+cs.LG (≈ 3,000
 * papers, the window a weekly feed reads) and one all-archives day of 1,504 items (the size of a
 * recorded real day), each as the RSS body arXiv would send.
 */
import { ALL_ARCHIVES_DAY, BUSY_CS_DAY, buildDayItems, type SyntheticItem } from './build-items';
import { buildRss } from './build-rss';

export const BUSY_SOURCES = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'];
/** Seven consecutive weekdays (arXiv announces Monday to Friday). */
export const BUSY_DAYS = ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05', '2025-12-08', '2025-12-09'];
export const BIG_DAY = '2025-12-10';
/** Archives asked for in the all-archives request, as arXiv's own 20-archive URL lists them. */
export const ALL_ARCHIVES = ['astro-ph', 'cond-mat', 'physics', 'quant-ph', 'math', 'cs', 'econ', 'eess', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'q-bio', 'q-fin', 'stat'];

export type BenchDay = { day: string; items: SyntheticItem[]; xml: string };

export function busyDay(index: number): BenchDay {
  const day = BUSY_DAYS[index]!;
  const items = buildDayItems({ mix: BUSY_CS_DAY, seed: 1000 + index, yymm: '2512', firstNumber: 1000 + index * 1000 });
  return { day, items, xml: buildRss(day, BUSY_SOURCES, items) };
}

export function bigDay(): BenchDay {
  const items = buildDayItems({ mix: ALL_ARCHIVES_DAY, seed: 77, yymm: '2512', firstNumber: 20000 });
  return { day: BIG_DAY, items, xml: buildRss(BIG_DAY, ALL_ARCHIVES, items) };
}
