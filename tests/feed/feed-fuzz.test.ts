/**
 * Hostile query strings against the real route handler: always 2xx/3xx/4xx, JSON on 4xx, never 5xx.
 * Fixed seed and bounded run count so CI is deterministic.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { getStore } from '../../lib/store/open-store';
import { fillStore, useTempEnv } from './feed-fixtures';

const NAMES = ['cats', 'q', 'exclude', 'authors', 'min_score', 'days', 'limit', 'format', 'types', 'language', '__proto__', 'constructor', 'prototype', 'cats[]', 'toString', 'hasOwnProperty', '__proto__[polluted]', 'constructor[prototype][polluted]', '__proto__.polluted'];
const HOSTILE = ['cs.LG', 'cs', 'quant-ph', 'CS.lg', '%00', '\u0000', '\u0001', '%', '%E0%A4%A', '"', '""', '"a,b"', ',,,', 'rss', 'atom', 'json', 'new,replace', '1', '0', '-1', '1e309', 'NaN', 'Infinity', '0x10', '500', '501', '9'.repeat(400), '💥', 'عربى', '\uFFFE', '\uD800', '<script>', ']]>', '{"a":1}', '[]', 'x'.repeat(5000)];

const value = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }));
const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
const query = fc.array(fc.tuple(name, value, fc.boolean()), { maxLength: 8 });

function toUrl(parts: [string, string, boolean][]): string {
  // Half the values go raw (not percent-encoded) so malformed escapes reach the parser too.
  const qs = parts.map(([n, v, raw]) => `${encodeURIComponent(n)}=${raw ? v.replace(/[#&\s]/g, '') : encodeURIComponent(v)}`).join('&');
  return `http://localhost/api/feed?${qs}`;
}

describe('GET /api/feed fuzz', () => {
  beforeAll(async () => {
    await useTempEnv();
    await fillStore(await getStore(), ['2025-12-11', '2025-12-18']);
  });

  it('never answers 5xx to hostile query strings, and never touches Object.prototype', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    await fc.assert(
      fc.asyncProperty(query, async (parts) => {
        let url: string;
        try {
          url = toUrl(parts);
          new URL(url);
        } catch {
          return; // not a URL a client could send
        }
        const res = await GET(new Request(url));
        expect(res.status, url).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
          const body = await res.json();
          expect(typeof body.error).toBe('string');
          expect(Array.isArray(body.issues)).toBe(true);
        } else {
          await res.text();
        }
      }),
      { seed: 20251218, numRuns: 400 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '__proto__=%7B%22polluted%22%3A1%7D', 'cats=cs.LG&__proto__.polluted=1'])(
    'a prototype-pollution query (%s) is ignored or refused, never applied',
    async (qs) => {
      const res = await GET(new Request(`http://localhost/api/feed?${qs}`));
      expect(res.status).toBeLessThan(500);
      await res.text();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
  it('keeps the guard honest: the generator does produce the pollution names', () => {
    expect(fc.sample(name, { seed: 20251218, numRuns: 400 })).toEqual(expect.arrayContaining(['__proto__[polluted]', 'constructor[prototype][polluted]']));
  });
});
