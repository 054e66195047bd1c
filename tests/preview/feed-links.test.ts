import { describe, expect, it } from 'vitest';
import { parseFeedQuery } from '../../lib/feed/feed-query';
import { ProfileSchema } from '../../lib/model/profile';
import { feedLinks, profileToQuery } from '../../lib/feed/feed-links';
import { readerLinks } from '../../lib/preview/reader-links';
import { builderQuery } from '../../lib/preview/builder-query';

const DEFAULTS = ProfileSchema.parse({ categories: ['cs.AI'] });

describe('profileToQuery', () => {
  it('round-trips through parseFeedQuery, including quoted phrases with commas', () => {
    const profile = ProfileSchema.parse({
      categories: ['cs.LG', 'cs.CL'],
      keywords: ['LLM', '"kv cache, paged"', 'MoE'],
      exclude: ['survey'],
      authors: ['Ada Lovelace'],
      min_score: 2.5,
      types: ['new', 'replace'],
      days: 3,
      limit: 20,
      language: 'pt-BR',
    });
    const url = new URL(`http://x/api/feed?${profileToQuery(profile)}`);
    expect(parseFeedQuery(url, DEFAULTS).profile).toEqual(profile);
  });

  it('leaves schema defaults out of the URL', () => {
    const q = profileToQuery(ProfileSchema.parse({ categories: ['cs.AI', 'cs.LG'] }));
    expect(q.toString()).toBe('cats=cs.AI%2Ccs.LG');
  });
});

describe('feedLinks', () => {
  it('builds stateless URLs for each format, OPML and the page', () => {
    const links = feedLinks('https://feeds.example', { profile: ProfileSchema.parse({ categories: ['cs.AI'], keywords: ['a&b'] }) });
    expect(links.rss).toBe('https://feeds.example/api/feed?cats=cs.AI&q=a%26b&format=rss');
    expect(links.json).toContain('format=json');
    expect(links.opml).toBe('https://feeds.example/api/opml?cats=cs.AI&q=a%26b');
    expect(links.page).toBe('https://feeds.example/?cats=cs.AI&q=a%26b');
  });

  it('builds token URLs for a saved profile', () => {
    const links = feedLinks('http://127.0.0.1:3000', { token: 'abc_DEF-123456' });
    expect(links.atom).toBe('http://127.0.0.1:3000/api/feed/abc_DEF-123456?format=atom');
    expect(links.opml).toBe('http://127.0.0.1:3000/api/opml?token=abc_DEF-123456');
    expect(links.page).toBe('http://127.0.0.1:3000/?profile=abc_DEF-123456');
  });
});

describe('readerLinks', () => {
  it('encodes the feed URL for web readers and offers the feed: scheme', () => {
    const links = readerLinks('https://f.example/api/feed?cats=cs.AI&format=rss');
    expect(links[0]!.href).toBe('feed:https://f.example/api/feed?cats=cs.AI&format=rss');
    for (const l of links.slice(1)) {
      expect(new URL(l.href).protocol).toBe('https:');
      expect(l.href).toContain(encodeURIComponent('https://f.example/api/feed?cats=cs.AI&format=rss'));
    }
  });
});

describe('builderQuery', () => {
  it('joins checkbox lists, drops blanks and defaults, ignores unknown fields', () => {
    const q = builderQuery([
      ['cats', 'cs.AI'],
      ['cats', 'cs.LG'],
      ['q', ' llm, "kv cache" '],
      ['exclude', ''],
      ['types', 'new'],
      ['types', 'cross'],
      ['min_score', '0'],
      ['days', '2'],
      ['limit', '50'],
      ['search', 'quantum'],
    ]);
    expect(q.toString()).toBe('cats=cs.AI%2Ccs.LG&q=llm%2C+%22kv+cache%22&days=2');
  });

  it('treats line breaks in term fields as separators', () => {
    expect(builderQuery([['cats', 'cs.AI'], ['q', 'llm,\r\n moe\n\nkernel']]).get('q')).toBe('llm, moe, kernel');
  });

  it('keeps every value when no category is chosen (the server default profile applies then)', () => {
    expect(builderQuery([['min_score', '0'], ['profile', 'tok']]).toString()).toBe('profile=tok&min_score=0');
  });
});
