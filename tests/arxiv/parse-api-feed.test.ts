import { describe, expect, it } from 'vitest';
import { ArxivResponseError } from '../../lib/arxiv/arxiv-error';
import { parseApiFeed } from '../../lib/arxiv/parse-api-feed';
import { fixture } from './fixtures';

describe('parseApiFeed', () => {
  it('reads the 2025+ layout: versions, primary category first, DOI, journal ref, comment, LaTeX', () => {
    const page = parseApiFeed(fixture('api-2025-page.xml'));
    expect(page).toMatchObject({ totalResults: 3, startIndex: 0, itemsPerPage: 200, invalid: 0 });
    expect(page.papers[0]).toMatchObject({
      id: '2512.03001',
      version: 2,
      title: 'Sparse Mixture-of-Experts with $\\mathcal{O}(1)$ Routing & Caching',
      abstract: 'We route tokens to experts in constant time, with a KV cache < 1 GB.',
      categories: ['cs.LG', 'cs.AI'],
      authors: ['David Holzm\\"uller', 'Ga\\"el Varoquaux'],
      doi: '10.1000/moe.2025.7',
      journalRef: 'J. Sparse Learn. 1 (2025) 1',
      comments: '12 pages, 4 figures',
    });
    expect(page.papers[0]!.published.toISOString()).toBe('2025-12-03T15:00:00.000Z');
    expect(page.papers[2]!.categories).toEqual(['math.OC', 'cs.LG']);
  });

  it('reads the old layout: hard-wrapped text, per-element namespaces, old-style ids', () => {
    const page = parseApiFeed(fixture('api-legacy-wrapped.xml'));
    expect(page.papers).toHaveLength(2);
    expect(page.papers[0]).toMatchObject({
      id: '2512.02501',
      title: 'A Luttinger Liquid Core Inside Helium-4 Filled Nanopores',
      abstract: 'As helium-4 is cooled below 2.17 K it undergoes a phase transition to a fundamentally new state of matter known as a superfluid which supports flow without viscosity.',
      doi: '10.1142/S021797921244002X',
      journalRef: 'Int. J. Mod. Phys. B, 26, 1244002 (2012)',
      comments: '26 pages, 10 figures',
      categories: ['cs.LG', 'cond-mat.mes-hall'],
    });
    expect(page.papers[1]).toMatchObject({ id: 'cs/0412498', version: 2, abstract: expect.stringContaining('(p >= 3, integer)') });
  });

  it('reads overlapping pages (the caller deduplicates by id)', () => {
    const a = parseApiFeed(fixture('api-legacy-page0.xml'));
    const b = parseApiFeed(fixture('api-legacy-page1-overlap.xml'));
    expect(b.startIndex).toBe(1);
    const ids = new Set([...a.papers, ...b.papers].map((p) => p.id));
    expect(ids.size).toBe(4);
  });

  it('reads an empty result', () => {
    expect(parseApiFeed(fixture('api-empty.xml'))).toMatchObject({ totalResults: 0, papers: [] });
  });

  it('refuses an error entry without retrying', () => {
    try {
      parseApiFeed(fixture('api-error.xml'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ArxivResponseError);
      expect((err as ArxivResponseError).message).toBe('arXiv API error: max_results must be less than or equal to 2000');
      expect((err as ArxivResponseError).retryable).toBe(false);
    }
  });

  it('refuses empty and truncated bodies', () => {
    expect(() => parseApiFeed('')).toThrow(/empty body/);
    const body = fixture('api-2025-page.xml');
    expect(() => parseApiFeed(body.slice(0, body.length / 2))).toThrow(/truncated/);
  });
});
