import { describe, expect, it } from 'vitest';
import { newYorkDay } from '../../lib/arxiv/announcement-day';
import { formatDay, pageNotices, type NoticeFacts } from '../../lib/preview/page-notices';
import type { RunStatus } from '../../lib/store/store';

const run = (state: RunStatus['state'], error?: string): RunStatus => ({ kind: 'ingest', state, startedAt: '2025-12-06T06:00:00Z', counts: {}, error });
// Saturday 6 Dec 2025, 15:00 in New York; the last announcement was Friday 5 Dec.
const SATURDAY = new Date('2025-12-06T20:00:00Z');
const TUESDAY = new Date('2025-12-09T15:00:00Z');
const facts = (f: Partial<NoticeFacts>): NoticeFacts => ({ now: SATURDAY, newestDay: '2025-12-05', storeEmpty: false, ingest: run('ok'), summariesOff: false, ...f });
const texts = (f: Partial<NoticeFacts>) => pageNotices(facts(f)).map((n) => `${n.tone}: ${n.text}`);

describe('pageNotices', () => {
  it('uses New York days', () => {
    expect(newYorkDay(new Date('2025-12-06T03:00:00Z'))).toBe('2025-12-05');
    expect(formatDay('2025-12-05')).toBe('Friday, 5 December 2025');
  });

  it('explains a weekend instead of showing nothing', () => {
    expect(texts({})).toEqual(['info: arXiv doesn’t announce on weekends/holidays — showing the last announcement of Friday, 5 December 2025.']);
  });

  it('explains a holiday when arXiv announced nothing on a weekday', () => {
    expect(texts({ now: TUESDAY, newestDay: '2025-12-08', ingest: run('quiet') })[0]).toContain('weekends/holidays — showing the last announcement of Monday, 8 December 2025');
    expect(texts({ now: TUESDAY, newestDay: '2025-12-08', ingest: run('stale') })[0]).toContain('No new announcement from arXiv yet today');
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

  it('warns about a failed fetch while still showing stored papers', () => {
    expect(texts({ ingest: run('failed', 'HTTP 503') })).toEqual([
      'warn: The last fetch from arXiv failed: HTTP 503 — showing the stored announcement of Friday, 5 December 2025.',
    ]);
  });

  it('says once that summaries are off', () => {
    const t = texts({ now: TUESDAY, newestDay: '2025-12-09', summariesOff: true });
    expect(t).toHaveLength(1);
    expect(t[0]).toContain('OPENAI_API_KEY');
  });
});
