import { describe, expect, it } from 'vitest';
import { expectedLatestAnnouncement, mailingServedAt, missingMailings } from '../../lib/arxiv/expected-announcement';

describe('expectedLatestAnnouncement', () => {
  it('moves to a weekday’s mailing once rss.arxiv.org serves it and the ingest had its hours', () => {
    // Tuesday 2 Dec 2025: the mailing sent Monday 20:00 ET is dated Tuesday.
    expect(expectedLatestAnnouncement(new Date('2025-12-02T07:59:00Z'))).toBe('2025-12-01');
    expect(expectedLatestAnnouncement(new Date('2025-12-02T08:00:00Z'))).toBe('2025-12-02');
    expect(expectedLatestAnnouncement(new Date('2025-12-02T23:30:00Z'))).toBe('2025-12-02');
  });

  it('keeps Friday’s mailing over the weekend until Monday’s is due', () => {
    for (const t of ['2025-12-05T12:00:00Z', '2025-12-06T12:00:00Z', '2025-12-07T23:00:00Z', '2025-12-08T07:00:00Z'])
      expect(expectedLatestAnnouncement(new Date(t)), t).toBe('2025-12-05');
    expect(expectedLatestAnnouncement(new Date('2025-12-08T09:00:00Z'))).toBe('2025-12-08');
  });

  it('uses the same UTC hour in summer (the feeds rebuild at midnight EST all year)', () => {
    expect(expectedLatestAnnouncement(new Date('2025-07-01T07:59:00Z'))).toBe('2025-06-30');
    expect(expectedLatestAnnouncement(new Date('2025-07-01T08:00:00Z'))).toBe('2025-07-01');
    expect(mailingServedAt('2025-07-01').toISOString()).toBe('2025-07-01T05:00:00.000Z');
  });
});

describe('missingMailings', () => {
  it('counts the weekdays after the stored day up to the expected one', () => {
    expect(missingMailings('2025-12-05', '2025-12-05')).toBe(0);
    expect(missingMailings('2025-12-05', '2025-12-08')).toBe(1); // Friday → Monday
    expect(missingMailings('2025-12-03', '2025-12-10')).toBe(5);
    expect(missingMailings('2025-12-10', '2025-12-05')).toBe(0); // stored ahead of the schedule
  });
});
