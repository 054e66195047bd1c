import { describe, expect, it } from 'vitest';
import { newYorkDay } from '../../lib/arxiv/announcement-day';
import { dataFreshness } from '../../lib/health/data-freshness';
import { formatDay, pageNotices, type NoticeFacts } from '../../lib/preview/page-notices';
import type { RunStatus } from '../../lib/store/store';

const run = (state: RunStatus['state'], error?: string, startedAt = '2025-12-05T06:15:00Z'): RunStatus => ({ kind: 'ingest', state, startedAt, counts: {}, error });
// Saturday 6 Dec 2025, 15:00 in New York; the last announcement was Friday 5 Dec.
const SATURDAY = new Date('2025-12-06T20:00:00Z');
const TUESDAY = new Date('2025-12-09T15:00:00Z');
/** Facts as loadPreview gathers them: freshness judged from the same day, clock and run. */
function facts(f: Partial<NoticeFacts>): NoticeFacts {
  const base = { now: SATURDAY, newestDay: '2025-12-05', storeEmpty: false, ingest: run('ok'), summariesOff: false, storedSummaries: 0, papersShown: 16, ...f };
  return { freshness: dataFreshness(base.storeEmpty ? null : base.newestDay, base.now, base.ingest), ...base };
}
const texts = (f: Partial<NoticeFacts>) => pageNotices(facts(f)).map((n) => `${n.tone}: ${n.text}`);

describe('pageNotices', () => {
  it('uses New York days', () => {
    expect(newYorkDay(new Date('2025-12-06T03:00:00Z'))).toBe('2025-12-05');
    expect(formatDay('2025-12-05')).toBe('Friday, 5 December 2025');
  });

  it('explains a weekend instead of showing nothing', () => {
    expect(texts({})).toEqual(['info: arXiv doesn’t announce on weekends — showing the last announcement of Friday, 5 December 2025.']);
  });

  it('explains a holiday when the fetch after the mailing was due found nothing new', () => {
    const lookedToday = '2025-12-09T06:15:00Z';
    const holiday = 'info: arXiv announced nothing for Tuesday, 9 December 2025 (a holiday) — showing the last announcement of Monday, 8 December 2025.';
    expect(texts({ now: TUESDAY, newestDay: '2025-12-08', ingest: run('quiet', undefined, lookedToday) })).toEqual([holiday]);
    expect(texts({ now: TUESDAY, newestDay: '2025-12-08', ingest: run('stale', undefined, lookedToday) })).toEqual([holiday]);
  });

  it('says old data is out of date even after a quiet run', () => {
    const old = texts({ now: TUESDAY, newestDay: '2023-12-05', ingest: run('quiet', undefined, '2025-12-09T06:15:00Z') });
    expect(old).toEqual([
      'warn: Out of date: these papers are from arXiv’s announcement of Tuesday, 5 December 2023. By arXiv’s schedule 525 newer mailings, up to Tuesday, 9 December 2025, should be here by now: fetching from arXiv has fallen behind.',
    ]);
    // One missed weekday after a run that said "ok" is no holiday: the fetch did not run.
    expect(texts({ now: TUESDAY, newestDay: '2025-12-08', ingest: run('ok', undefined, '2025-12-08T06:15:00Z') })[0]).toMatch(/^warn: Out of date: .* 1 newer mailing, up to Tuesday, 9 December 2025/);
  });

  it('says today’s announcement is not fetched yet on a weekday morning before it is due', () => {
    expect(texts({ now: new Date('2025-12-09T06:00:00Z'), newestDay: '2025-12-08', ingest: run('ok', undefined, '2025-12-08T06:15:00Z') })).toEqual([
      'info: Today’s announcement is not fetched yet — showing the last announcement of Monday, 8 December 2025.',
    ]);
  });

  it('says nothing when today is announced', () => {
    expect(texts({ now: TUESDAY, newestDay: '2025-12-09' })).toEqual([]);
  });

  it('says fetching on an empty store, or why arXiv could not be reached', () => {
    expect(texts({ storeEmpty: true, newestDay: null, ingest: null })).toEqual(['info: Fetching today’s papers — refresh in a minute.']);
    expect(texts({ storeEmpty: true, newestDay: null, ingest: run('failed', 'fetch failed: ECONNREFUSED') })).toEqual([
      'error: arXiv could not be reached: fetch failed: ECONNREFUSED. Nothing is stored yet; the next run will try again.',
    ]);
    // The job's own messages already name arXiv: not said twice.
    expect(texts({ storeEmpty: true, newestDay: null, ingest: run('failed', 'arXiv could not be reached: ECONNREFUSED') })).toEqual([
      'error: arXiv could not be reached: ECONNREFUSED. Nothing is stored yet; the next run will try again.',
    ]);
    expect(texts({ storeEmpty: true, newestDay: null, ingest: run('failed', 'arXiv answered with malformed or truncated XML (line 9: x)') })).toEqual([
      'error: arXiv answered with malformed or truncated XML (line 9: x). Nothing is stored yet; the next run will try again.',
    ]);
  });

  it('warns about a failed fetch while still showing stored papers, and how old they are', () => {
    expect(texts({ ingest: run('failed', 'HTTP 503') })).toEqual([
      'warn: The last fetch from arXiv failed: HTTP 503 — showing the stored announcement of Friday, 5 December 2025.',
    ]);
    const behind = texts({ now: TUESDAY, ingest: run('failed', 'HTTP 503', '2025-12-09T06:15:00Z') });
    expect(behind).toHaveLength(2);
    expect(behind[1]).toMatch(/^warn: Out of date: .* 2 newer mailings, up to Tuesday, 9 December 2025/);
  });

  it('says once that summaries are off', () => {
    const t = texts({ now: TUESDAY, newestDay: '2025-12-09', summariesOff: true });
    expect(t).toEqual(['info: Summaries are off: this server has no OPENAI_API_KEY configured, so papers show their abstracts only.']);
  });

  it('says summaries on screen were made earlier when the key is gone', () => {
    const t = texts({ now: TUESDAY, newestDay: '2025-12-09', summariesOff: true, storedSummaries: 1 });
    expect(t).toEqual(['info: Showing summaries made earlier for 1 of 16 papers; new summaries are off: set OPENAI_API_KEY on this server to turn them on.']);
  });
});
