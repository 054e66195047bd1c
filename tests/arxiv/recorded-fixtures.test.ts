/**
 * Optional: parses every recorded real arXiv response in ../shared/fixtures/arxiv (present on the
 * team's machines, absent from a user's clone) and checks the counts its README states.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArxivResponseError } from '../../lib/arxiv/arxiv-error';
import { parseAnnouncements } from '../../lib/arxiv/parse-announcements';
import { parseApiFeed } from '../../lib/arxiv/parse-api-feed';
import { isValidCategoryOrArchive } from '../../lib/model/taxonomy';

const DIR = path.resolve(import.meta.dirname, '../../../shared/fixtures/arxiv');
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
const countTypes = (types: string[]) => types.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t]: (acc[t] ?? 0) + 1 }), {});

describe.skipIf(!existsSync(DIR))('recorded arXiv responses (../shared/fixtures/arxiv)', () => {
  it('all archives, 2024-11-28: 1,504 items, new 926 / cross 9 / replace 569, every category known', () => {
    const day = parseAnnouncements(read('rss/aioarxiv_2024-11-28_rss_all_archives.xml'));
    expect(day).toMatchObject({ day: '2024-11-28', items: 1504, invalid: 0 });
    expect(countTypes(day.papers.map((p) => p.announceType))).toEqual({ new: 926, cross: 9, replace: 569 });
    expect(new Set(day.papers.map((p) => p.id)).size).toBe(1504);
    const unknown = new Set(day.papers.flatMap((p) => p.categories).filter((c) => !isValidCategoryOrArchive(c)));
    expect([...unknown]).toEqual([]);
    expect(day.papers.filter((p) => p.doi).length).toBe(111);
    expect(day.papers.filter((p) => p.journalRef).length).toBe(97);
    expect(day.papers.every((p) => p.authors.length > 0 && p.title && p.abstract && p.license)).toBe(true);
  });

  it('quant-ph, 2025-04-28: 81 items with all four types', () => {
    const day = parseAnnouncements(read('rss/RSSFeeds.jl_2025-04-28_rss_quant-ph.xml'));
    expect(day).toMatchObject({ day: '2025-04-28', items: 81, invalid: 0 });
    expect(countTypes(day.papers.map((p) => p.announceType))).toEqual({ new: 40, cross: 10, replace: 22, 'replace-cross': 9 });
  });

  it('empty day, error feed, truncated Atom', () => {
    expect(parseAnnouncements(read('rss/aioarxiv_2024-11-28_rss_test_empty.xml'))).toMatchObject({ items: 0, papers: [] });
    expect(() => parseAnnouncements(read('rss/aioarxiv_2024-11-28_rss_error_bad_archive.xml'))).toThrow(/feed error: Bad archive 'astroph'/);
    expect(() => parseAnnouncements(read('rss/zotero-arxiv-daily_2025-08-20_atom_cs.AI_TRUNCATED.xml'))).toThrow(ArxivResponseError);
  });

  it('every API response: entries, errors, overlap', () => {
    const files = readdirSync(path.join(DIR, 'api'));
    const counts: Record<string, number | string> = {};
    for (const f of files) {
      try {
        counts[f] = parseApiFeed(read(`api/${f}`)).papers.length;
      } catch (err) {
        counts[f] = (err as Error).message;
      }
    }
    expect(counts).toMatchObject({
      'api-2026-search-100-entries.xml': 100,
      'api-2026-search-page-start50.xml': 10,
      'api-2026-cat-csLG-OR-csAI-20.xml': 20,
      'api-2026-empty.xml': 0,
      'api-2026-old-style-id-affiliations.xml': 1,
      'api-2016-legacy-wrapped-10.xml': 10,
      'api-2017-legacy-page0.xml': 10,
      'api-2017-legacy-page1-overlapping.xml': 10,
      'api-2026-error-http400.xml': 'arXiv API error: incorrect id format for abc',
      'api-2019-legacy-error.xml': 'arXiv API error: incorrect id format for INVALIDID',
    });
    const p0 = parseApiFeed(read('api/api-2017-legacy-page0.xml')).papers.map((p) => p.id);
    const p1 = parseApiFeed(read('api/api-2017-legacy-page1-overlapping.xml')).papers.map((p) => p.id);
    expect(p1.filter((id) => p0.includes(id))).toHaveLength(9);
    const legacy = parseApiFeed(read('api/api-2016-legacy-wrapped-10.xml')).papers[0]!;
    expect(legacy.abstract).not.toMatch(/\n/);
  });
});
