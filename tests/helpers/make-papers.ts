/**
 * Synthetic papers shaped like arXiv's (field lengths close to real cs.* listings: ~90-char titles,
 * ~1,200-character abstracts, a handful of authors), for store tests and size measurements.
 */
import type { Day, Paper } from '../../lib/model/paper';
import type { StoredSummary } from '../../lib/model/summary';

const WORDS =
  'we propose a novel method for efficient training of large language models with sparse attention and study its scaling behaviour across tasks benchmarks datasets while reducing memory and latency'.split(
    ' ',
  );

const sentence = (seed: number, words: number) =>
  Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(' ');

export function makePaper(n: number, day: Day, source: string, overrides: Partial<Paper> = {}): Paper {
  const id = `2511.${String(10000 + n).padStart(5, '0')}`;
  return {
    id,
    version: 1,
    title: `Paper ${n}: ${sentence(n, 12)}`,
    abstract: `${sentence(n + 1, 180)}.`,
    authors: Array.from({ length: 5 }, (_, i) => `Author ${String.fromCharCode(65 + ((n + i) % 26))}. Example${i}`),
    categories: [source, 'cs.AI', 'stat.ML'].filter((c, i, all) => all.indexOf(c) === i),
    announceType: 'new',
    announced: day,
    firstAnnounced: day,
    comments: '12 pages, 4 figures',
    ...overrides,
  };
}

/** `count` papers for one (day, source) bucket; ids do not collide across buckets with distinct `offset`. */
export const makeBucket = (day: Day, source: string, count: number, offset: number): Paper[] =>
  Array.from({ length: count }, (_, i) => makePaper(offset + i, day, source));

export function makeSummary(paper: Pick<Paper, 'id' | 'version'>, language = 'en', model = 'test-model'): StoredSummary {
  return {
    paperId: paper.id,
    version: paper.version,
    language,
    model,
    promptVersion: 'p1',
    content: {
      tldr: `TL;DR of ${paper.id}: ${sentence(3, 25)}`,
      contributions: [sentence(4, 15), sentence(5, 15)],
      method: sentence(6, 30),
      results: sentence(7, 30),
      limitations: sentence(8, 20),
    },
    createdAt: '2025-11-20T02:00:00.000Z',
    tokens: 900,
  };
}

/** The weekday announcement days before `last`, newest first (arXiv announces Mon–Fri). */
export function weekdaysBack(last: Day, count: number): Day[] {
  const out: Day[] = [];
  const d = new Date(`${last}T12:00:00Z`);
  while (out.length < count) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out;
}
