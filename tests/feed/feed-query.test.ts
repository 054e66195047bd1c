import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors';
import { MAX_QUERY_CHARS, parseFeedQuery } from '../../lib/feed/feed-query';
import { ProfileSchema } from '../../lib/model/profile';

const DEFAULTS = ProfileSchema.parse({ categories: ['cs.AI', 'cs.LG'], keywords: ['llm'], exclude: ['survey'], limit: 30 });
const parse = (qs: string) => parseFeedQuery(new URL(`http://localhost/api/feed?${qs}`), DEFAULTS);

/** The issue paths of the InputError a query raises. */
function issuePaths(qs: string): string[] {
  try {
    parse(qs);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).issues.map((i) => i.path);
  }
  throw new Error(`expected ${qs} to be rejected`);
}

describe('parseFeedQuery', () => {
  it('gives the default profile (RSS) without parameters', () => {
    expect(parse('')).toEqual({ profile: DEFAULTS, format: 'rss' });
  });

  it('overrides the default profile field by field when cats is absent', () => {
    const { profile, format } = parse('days=3&format=atom');
    expect(format).toBe('atom');
    expect(profile).toEqual({ ...DEFAULTS, days: 3 });
  });

  it('treats a query with cats as its own profile (ProfileSchema defaults)', () => {
    const { profile } = parse('cats=cs.LG,cs.CL');
    expect(profile).toEqual(ProfileSchema.parse({ categories: ['cs.LG', 'cs.CL'] }));
    expect(profile.keywords).toEqual([]);
    // unset: 50 once the profile ranks, the whole window otherwise (lib/select/feed-limit.ts)
    expect(profile.limit).toBeUndefined();
    expect(profile.types).toEqual(['new', 'cross']);
    expect(profile.days).toBe(1);
  });

  it('parses every parameter', () => {
    const { profile, format } = parse(
      'cats=cs.LG&q=llm,%22kv%20cache%22,moe&exclude=survey&authors=%22Yann%20LeCun%22&min_score=2.5&days=5&limit=500&format=json&types=new,cross,replace,replace-cross&language=pt-BR',
    );
    expect(format).toBe('json');
    expect(profile).toEqual({
      categories: ['cs.LG'],
      keywords: ['llm', '"kv cache"', 'moe'],
      exclude: ['survey'],
      authors: ['"Yann LeCun"'],
      min_score: 2.5,
      days: 5,
      limit: 500,
      types: ['new', 'cross', 'replace', 'replace-cross'],
      language: 'pt-BR',
    });
  });

  it('merges repeated list parameters and dedupes them', () => {
    const { profile } = parse('cats=cs.LG&cats=cs.CL,cs.LG&q=llm&q=LLM,moe&types=new&types=replace');
    expect(profile.categories).toEqual(['cs.LG', 'cs.CL']);
    expect(profile.keywords).toEqual(['llm', 'moe']);
    expect(profile.types).toEqual(['new', 'replace']);
  });

  it('accepts archives and fixes the case of category ids', () => {
    expect(parse('cats=cs').profile.categories).toEqual(['cs']);
    expect(parse('cats=CS.lg').profile.categories).toEqual(['cs.LG']);
  });

  it('ignores unknown and prototype-pollution parameters and empty values', () => {
    const { profile } = parse('cats=cs.LG&__proto__=x&constructor[prototype][x]=1&foo=bar&q=&days=');
    expect(profile.categories).toEqual(['cs.LG']);
    expect(profile.days).toBe(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ['cats=cs.XX', 'cats.0'],
    ['cats=cs.LG,nope', 'cats.1'],
    ['cats=cs.LG%00', 'cats.0'],
    ['q=' + 'x'.repeat(101), 'q.0'],
    ['q=' + Array.from({ length: 51 }, (_, i) => `t${i}`).join(','), 'q'],
    ['exclude=' + 'y'.repeat(101), 'exclude.0'],
    ['authors=' + 'z'.repeat(101), 'authors.0'],
    ['min_score=-1', 'min_score'],
    ['min_score=abc', 'min_score'],
    ['min_score=1001', 'min_score'],
    ['min_score=1e3', 'min_score'],
    ['days=0', 'days'],
    ['days=31', 'days'],
    ['days=1.5', 'days'],
    ['days=99999999999999999999', 'days'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['format=xml', 'format'],
    ['types=new,old', 'types.1'],
    ['language=english!', 'language'],
    ['days=1&days=2', 'days'],
    ['limit=5&limit=5', 'limit'],
    ['format=rss&format=atom', 'format'],
    ['min_score=1&min_score=2', 'min_score'],
  ])('rejects %s naming %s', (qs, path) => {
    const paths = issuePaths(qs);
    expect(paths).toContain(path);
  });

  it('rejects more than 20 listed categories (the list is capped before deduplication)', () => {
    expect(issuePaths(`cats=${Array.from({ length: 21 }, () => 'cs.LG').join(',')}`)).toEqual(['cats']);
  });

  it('refuses an over-long query string with a 400 naming the query', () => {
    expect(issuePaths(`q=${'a,'.repeat(MAX_QUERY_CHARS)}`)).toEqual(['(query)']);
  });

  it('puts the parameter name in the error message', () => {
    expect(() => parse('days=abc')).toThrow(/days: must be a whole number/);
    expect(() => parse('format=xml')).toThrow(/format: must be one of rss, atom, json/);
    expect(() => parse('days=1&days=2')).toThrow(/days: must be given only once/);
  });
});
