import { describe, expect, it } from 'vitest';
import { ArxivResponseError } from '../../lib/arxiv/arxiv-error';
import { parseAnnouncements } from '../../lib/arxiv/parse-announcements';
import { fixture } from './fixtures';

describe('parseAnnouncements (RSS 2.0)', () => {
  const day = parseAnnouncements(fixture('rss-2025-12-05-cs.xml'));
  const byId = new Map(day.papers.map((p) => [p.id, p]));

  it('reads the announcement day from the channel pubDate in New York time', () => {
    expect(day.day).toBe('2025-12-05');
    expect(day.items).toBe(10);
    expect(day.invalid).toBe(0);
    expect(day.skipDays).toEqual(['Saturday', 'Sunday']);
    for (const p of day.papers) expect(p.announced).toBe('2025-12-05');
  });

  it('keys papers by id without version, new and old style', () => {
    expect(byId.get('2512.04752')?.version).toBe(1);
    expect(byId.get('2511.00001')?.version).toBe(2);
    expect(byId.get('cs/0601001')).toMatchObject({ version: 4, announceType: 'replace', categories: ['cs.DC'] });
  });

  it('keeps all four announce types and the primary category first', () => {
    const types = Object.fromEntries(day.papers.map((p) => [p.id, p.announceType]));
    expect(types).toMatchObject({ '2512.04752': 'new', '2512.05002': 'cross', '2511.00001': 'replace', '2510.00002': 'replace-cross' });
    expect(byId.get('2512.05002')?.categories).toEqual(['stat.ML', 'cs.LG', 'q-bio.BM']);
  });

  it('keeps LaTeX and decodes XML entities exactly once', () => {
    const p = byId.get('2512.05001')!;
    expect(p.title).toBe('$H^3$Fusion: Aligning LLMs & Agents with $\\alpha < 1$ Mixtures');
    expect(p.abstract).toBe('We fuse helpful, harmless and honest models; the fused model keeps $\\mathcal{L}_{H^3} < \\epsilon$ & beats each expert.');
  });

  it('takes the abstract after "Abstract:" and collapses hard wraps', () => {
    expect(byId.get('2512.04974')?.abstract).toBe(
      'We introduce a generative transformer operator that scales to million-point discretizations of partial differential equations.',
    );
  });

  it('splits dc:creator into names, keeping TeX accents, unicode and affiliations', () => {
    expect(byId.get('2512.04974')?.authors).toEqual(['Armand Kassa\\"i Koupa\\"i', 'Lise Le Boudec', 'Patrick Gallinari']);
    expect(byId.get('2512.05001')?.authors).toEqual(['Selim Furkan Tekin', 'Fatih Ilhan', 'Tiansheng Huang', 'Sihao Hu', 'Ling Liu']);
    expect(byId.get('2512.05003')?.authors).toEqual(['José Müller', 'Zoë Ødegård', 'Li Wei']);
    expect(byId.get('2512.05004')?.authors).toEqual([
      'Yuxiu Shao (School of Systems Science, Beijing Normal University, Beijing, China)',
      'David Dahmen (Institute for Advanced Simulation)',
      'Przemys{\\l}aw Olbratowski',
    ]);
    expect(byId.get('2510.00002')?.authors).toEqual(['M. Misiurewicz', 'S. \\v{S}timac']);
  });

  it('keeps unicode titles', () => {
    expect(byId.get('2512.05003')?.title).toBe('Schrödinger Bridges for 日本語 Text Generation');
  });

  it('captures DOI, journal reference and licence where present', () => {
    expect(byId.get('2512.05001')).toMatchObject({
      doi: '10.1000/h3fusion.2025.1',
      journalRef: 'Proc. Fusion Workshop 3 (2025) 1-12',
      license: 'http://creativecommons.org/licenses/by-nc-sa/4.0/',
    });
    expect(byId.get('2512.04752')?.doi).toBeUndefined();
  });

  it('treats an empty but valid feed as a quiet day', () => {
    const empty = parseAnnouncements(fixture('rss-empty.xml'));
    expect(empty).toMatchObject({ day: '2025-11-27', papers: [], items: 0, skipDays: ['Saturday', 'Sunday'] });
  });

  it('refuses arXiv\'s error feed without retrying', () => {
    const body = fixture('rss-error-bad-archive.xml');
    const err = captureError(() => parseAnnouncements(body, 'http://x/rss/compsci'));
    expect(err).toBeInstanceOf(ArxivResponseError);
    expect(err.message).toContain("Bad archive 'compsci'");
    expect(err.retryable).toBe(false);
    expect(err.detail.bodyStart).toBe(body.slice(0, 200));
  });

  it('refuses a truncated document (retryable), never an empty day', () => {
    const err = captureError(() => parseAnnouncements(fixture('rss-truncated.xml')));
    expect(err.message).toMatch(/malformed or truncated/);
    expect(err.retryable).toBe(true);
  });

  it('refuses HTML, an empty body and XML that is no feed', () => {
    expect(captureError(() => parseAnnouncements('<html><body>Rate exceeded.</body>')).message).toMatch(/malformed/);
    expect(captureError(() => parseAnnouncements('<html><body>Rate exceeded.</body></html>')).message).toMatch(/not an RSS or Atom feed/);
    expect(captureError(() => parseAnnouncements('')).message).toMatch(/empty body/);
    expect(captureError(() => parseAnnouncements('Service Unavailable')).message).toMatch(/not XML/);
  });

  it('skips unreadable items and counts them as invalid', () => {
    const body = fixture('rss-2025-12-05-cs.xml').replace('<guid isPermaLink="false">oai:arXiv.org:2512.05003v1</guid>', '').replace('arXiv:2512.05003v1', 'arXiv:broken').replace('https://arxiv.org/abs/2512.05003', 'https://example.org/');
    const parsed = parseAnnouncements(body);
    expect(parsed.items).toBe(10);
    expect(parsed.invalid).toBe(1);
    expect(parsed.papers.map((p) => p.id)).not.toContain('2512.05003');
  });

  it('also reads arXiv\'s Atom form of the same feed', () => {
    const atom = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://www.w3.org/2005/Atom">
  <id>http://rss.arxiv.org/atom/cs.AI</id><title>cs.AI updates on arXiv.org</title>
  <updated>2025-08-20T04:00:19.866337+00:00</updated>
  <entry><id>oai:arXiv.org:2508.13167v1</id><title>Chain-of-Agents</title>
    <summary>arXiv:2508.13167v1 Announce Type: new
Abstract: Agents, chained.</summary>
    <category term="cs.AI"/><category term="cs.CL"/>
    <arxiv:announce_type>new</arxiv:announce_type><dc:creator>Weizhen Li, Jianbo Lin</dc:creator></entry>
</feed>`;
    const parsed = parseAnnouncements(atom);
    expect(parsed.day).toBe('2025-08-20');
    expect(parsed.papers[0]).toMatchObject({ id: '2508.13167', categories: ['cs.AI', 'cs.CL'], abstract: 'Agents, chained.', authors: ['Weizhen Li', 'Jianbo Lin'] });
  });
});

function captureError(fn: () => unknown): ArxivResponseError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ArxivResponseError);
    return err as ArxivResponseError;
  }
  throw new Error('expected an ArxivResponseError');
}
