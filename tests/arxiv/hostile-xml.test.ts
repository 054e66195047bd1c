/**
 * arXiv answers that are valid XML but unusual: numeric character references in titles and
 * abstracts, and elements whose names are JavaScript's own property names. Neither may show up
 * literally, nor make the whole day unreadable.
 */
import { describe, expect, it } from 'vitest';
import { parseAnnouncements } from '../../lib/arxiv/parse-announcements';
import { parseApiFeed } from '../../lib/arxiv/parse-api-feed';
import { fixture } from './fixtures';

const SMALL_DAY = fixture('rss-2025-12-08-cs-small.xml');

/** The small recorded day with `extra` inserted into its one item, and the title replaced. */
function dayWith(extra: string, title = 'Learning Unmasking Policies for Diffusion Language Models'): string {
  return SMALL_DAY.replace('<title>Learning Unmasking Policies for Diffusion Language Models</title>', `<title>${title}</title>${extra}`);
}

describe('numeric character references', () => {
  it('are decoded in RSS titles and abstracts, once', () => {
    const body = dayWith('', 'Caf&#233; &#x2014; na&#xEF;ve &amp;#233; stays escaped').replace(
      'We learn when to unmask tokens',
      'We learn when to unmask tokens &#8212; for G&#246;del',
    );
    const [paper] = parseAnnouncements(body).papers;
    expect(paper!.title).toBe('Café — naïve &#233; stays escaped');
    expect(paper!.abstract).toContain('tokens — for Gödel');
  });

  it('are decoded in API (Atom) entries', () => {
    const page = fixture('api-2025-page.xml');
    const title = page.match(/<entry>[\s\S]*?<title>([^<]*)<\/title>/)![1]!;
    const parsed = parseApiFeed(page.replace(`<title>${title}</title>`, `<title>Caf&#233; ${title}</title>`));
    expect(parsed.papers.some((p) => p.title.startsWith('Café '))).toBe(true);
  });
});

describe('elements named like JavaScript internals', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'dc:__proto__'])('an item with <%s> still parses, and the element is ignored', (name) => {
    const day = parseAnnouncements(dayWith(`<${name}><polluted>yes</polluted></${name}>`));
    expect(day.papers).toHaveLength(1);
    expect(day.papers[0]!.id).toBe('2512.09106');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a channel-level <__proto__> does not hide the day either', () => {
    const day = parseAnnouncements(SMALL_DAY.replace('<skipDays>', '<__proto__ polluted="yes"/><skipDays>'));
    expect(day.day).toBe('2025-12-08');
    expect(day.papers).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
