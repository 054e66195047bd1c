import { describe, expect, it } from 'vitest';
import { approximateAnnouncementDay, newYorkDayOf, nextWeekday, previousWeekday } from '../../lib/arxiv/announcement-day';
import { findArxivId } from '../../lib/arxiv/arxiv-id';
import { apiQueryUrl, coveringSources, rssUrl } from '../../lib/arxiv/arxiv-urls';
import { authorName, splitAuthors } from '../../lib/arxiv/split-authors';
import { ARCHIVES, CATEGORIES, categoryName, isArchive, isKnownCategory, isValidCategoryOrArchive } from '../../lib/model/taxonomy';
import { arxivUserAgent } from '../../lib/arxiv/user-agent';

describe('findArxivId', () => {
  it.each([
    ['oai:arXiv.org:2504.17830v1', '2504.17830', 1],
    ['arXiv:2504.17830v12', '2504.17830', 12],
    ['https://arxiv.org/abs/2504.1783', '2504.1783', 1],
    ['oai:arXiv.org:hep-th/0601001v2', 'hep-th/0601001', 2],
    ['http://arxiv.org/abs/math.AG/0601001v1', 'math.AG/0601001', 1],
    ['http://arxiv.org/abs/astro-ph/0601001v1', 'astro-ph/0601001', 1],
  ])('%s → %s v%i', (text, id, version) => {
    expect(findArxivId(text)).toEqual({ id, version });
  });
  it('finds nothing in an error id', () => {
    expect(findArxivId('https://arxiv.org/api/errors#incorrect_id_format_for_abc')).toBeNull();
  });
});

describe('announcement days', () => {
  it('uses the New York calendar day', () => {
    expect(newYorkDayOf('Mon, 28 Apr 2025 00:00:00 -0400')).toBe('2025-04-28');
    expect(newYorkDayOf('Mon, 28 Apr 2025 04:00:00 +0000')).toBe('2025-04-28');
    expect(newYorkDayOf('Thu, 28 Nov 2024 00:00:00 -0500')).toBe('2024-11-28');
    expect(newYorkDayOf('2025-08-20T04:00:19.866337+00:00')).toBe('2025-08-20');
    expect(newYorkDayOf('not a date')).toBeNull();
  });
  it('steps over weekends', () => {
    expect(nextWeekday('2025-12-05')).toBe('2025-12-08');
    expect(previousWeekday('2025-12-08')).toBe('2025-12-05');
  });
  it('approximates the mailing day from the 14:00 ET cut-off', () => {
    expect(approximateAnnouncementDay(new Date('2025-12-02T10:00:00Z'))).toBe('2025-12-03'); // Tue 05:00 ET
    expect(approximateAnnouncementDay(new Date('2025-12-01T20:00:00Z'))).toBe('2025-12-03'); // Mon 15:00 ET
    expect(approximateAnnouncementDay(new Date('2025-04-25T16:00:00Z'))).toBe('2025-04-28'); // Fri 12:00 EDT → Monday
    expect(approximateAnnouncementDay(new Date('2025-04-25T19:00:00Z'))).toBe('2025-04-29'); // Fri 15:00 EDT → Tuesday
    expect(approximateAnnouncementDay(new Date('2025-04-26T12:00:00Z'))).toBe('2025-04-29'); // Saturday → Tuesday
  });
});

describe('splitAuthors', () => {
  it.each([
    ['A. One', ['A. One']],
    ['A. One and B. Two', ['A. One', 'B. Two']],
    ['A, B, and C', ['A', 'B', 'C']],
    ['A, B and C', ['A', 'B', 'C']],
    ['X (Physics and Astronomy, Leeds), Y', ['X (Physics and Astronomy, Leeds)', 'Y']],
    ['X (Dept. of Physics and Astronomy)', ['X (Dept. of Physics and Astronomy)']],
    ['Jaros{\\l}aw \\.Zygierewicz,  M\\"uller\n  Hans', ['Jaros{\\l}aw \\.Zygierewicz', 'M\\"uller Hans']],
    ['', []],
  ])('%j', (input, names) => {
    expect(splitAuthors(input)).toEqual(names);
  });
});

describe('authorName', () => {
  it.each([
    ['Yuxiu Shao (School of Systems Science, Beijing Normal University, Beijing, China)', 'Yuxiu Shao'],
    ['David Dahmen (Institute for Advanced Simulation)', 'David Dahmen'],
    ['A. Author (1) ((1) MIT, (2) ETH Zurich)', 'A. Author'],
    ['Yi (Eric) Zhang', 'Yi (Eric) Zhang'],
    ['(The ATLAS Collaboration)', '(The ATLAS Collaboration)'],
    ['Przemys{\\l}aw Olbratowski', 'Przemys{\\l}aw Olbratowski'],
  ])('%j', (author, name) => {
    expect(authorName(author)).toBe(name);
  });
});

describe('taxonomy', () => {
  it('lists the full current taxonomy', () => {
    expect(CATEGORIES).toHaveLength(155);
    expect(ARCHIVES).toHaveLength(20);
    expect(new Set(CATEGORIES.map((c) => c.id)).size).toBe(155);
    for (const id of ['cs.LG', 'math.AG', 'astro-ph.CO', 'cond-mat.stat-mech', 'nlin.CD', 'q-bio.NC', 'q-fin.ST', 'stat.ML', 'econ.EM', 'eess.SP', 'physics.optics', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math-ph', 'nucl-ex', 'nucl-th', 'quant-ph'])
      expect(isKnownCategory(id), id).toBe(true);
  });
  it('accepts archives and refuses everything else', () => {
    expect(isArchive('math')).toBe(true);
    expect(isValidCategoryOrArchive('astro-ph')).toBe(true);
    expect(isValidCategoryOrArchive('cs.XX')).toBe(false);
    expect(isValidCategoryOrArchive('astroph')).toBe(false);
    expect(isValidCategoryOrArchive('__proto__')).toBe(false);
  });
  it('names categories and archives', () => {
    expect(categoryName('cs.DC')).toBe('Distributed, Parallel, and Cluster Computing');
    expect(categoryName('math')).toBe('Mathematics');
    expect(categoryName('quant-ph')).toBe('Quantum Physics');
  });
});

describe('arXiv URLs and User-Agent', () => {
  it('asks for every source in one RSS URL, without categories an archive already covers', () => {
    expect(coveringSources(['cs.LG', 'math', 'math.AG', 'quant-ph', 'cs.LG'])).toEqual(['cs.LG', 'math', 'quant-ph']);
    expect(rssUrl('https://rss.arxiv.org/rss/', ['cs.AI', 'cs.LG'])).toBe('https://rss.arxiv.org/rss/cs.AI+cs.LG');
  });
  it('builds an API query sorted by submission date within a window', () => {
    const url = new URL(
      apiQueryUrl('https://export.arxiv.org/api/query', {
        sources: ['cs.LG', 'math', 'quant-ph'],
        start: 200,
        maxResults: 200,
        submittedFrom: new Date('2025-11-27T00:00:00Z'),
        submittedTo: new Date('2025-12-04T00:00:00Z'),
      }),
    );
    expect(url.searchParams.get('search_query')).toBe('(cat:cs.LG OR cat:math.* OR cat:quant-ph) AND submittedDate:[202511270000 TO 202512040000]');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ sortBy: 'submittedDate', sortOrder: 'descending', start: '200', max_results: '200' });
  });
  it('names the project in the User-Agent', () => {
    expect(arxivUserAgent()).toMatch(/^arxiv-feeds\/\d+\.\d+\.\d+ \(\+https:\/\/\S+; arXiv RSS\/API client\)$/);
    expect(arxivUserAgent('https://feeds.example.org')).toContain('+https://feeds.example.org;');
  });
});
