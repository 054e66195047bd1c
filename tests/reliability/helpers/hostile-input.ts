/**
 * fast-check arbitraries for hostile HTTP input: query strings (known and prototype-pollution
 * parameter names, huge / unicode / control-character / malformed-escape values, repeats),
 * path tokens, and request bodies (wrong types, `__proto__` keys, deep nesting, invalid JSON,
 * huge arrays and strings).
 */
import fc from 'fast-check';

export const POLLUTION_NAMES = ['__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'constructor[prototype][polluted]', 'toString', 'hasOwnProperty', 'valueOf'];
const KNOWN_PARAMS = ['cats', 'q', 'exclude', 'authors', 'min_score', 'days', 'limit', 'format', 'types', 'language', 'token'];

const HOSTILE_VALUES = [
  'cs.LG', 'cs.AI,cs.CL', 'cs', 'math', 'CS.lg', 'rss', 'atom', 'json', 'opml', 'new,cross,replace', 'replace-cross',
  '1', '0', '-1', '1.5', '1e309', 'NaN', 'Infinity', '0x10', '500', '501', '30', '31', '9'.repeat(400),
  '%00', '%ZZ', '%', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF%FE', '%u0041', '\u0000', '\u0001', '\u001f', '\uFFFE', '\uD800', '\u202E',
  '💥', 'عربى', '漢字', 'ǅ', '"', '""', '"a,b"', ',,,', '<script>alert(1)</script>', ']]>', '{"a":1}', '[]', 'null',
  '../../etc/passwd', 'http://127.0.0.1:1/', 'javascript:alert(1)', ...POLLUTION_NAMES,
];

export const hugeString = fc.constantFrom(1_000, 5_000, 70_000).chain((n) => fc.constantFrom('a', 'é', '💥', ',', '%00').map((c) => c.repeat(n)));

export const hostileValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

const paramName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KNOWN_PARAMS) },
  { weight: 2, arbitrary: fc.constantFrom(...POLLUTION_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** encodeURIComponent throws on lone surrogates; a browser would send U+FFFD instead. */
const encode = (s: string) => encodeURIComponent(s.toWellFormed());

/** A raw query string: pairs joined by `&`, values half encoded, half raw (malformed escapes survive). */
export const hostileQuery = fc.array(fc.tuple(paramName, hostileValue, fc.boolean()), { maxLength: 10 }).map((pairs) =>
  pairs.map(([n, v, raw]) => `${encode(n)}=${raw ? v.replace(/[#&\s]/g, '') : encode(v)}`).join('&'),
);

/** Path tokens: well-formed (unknown), near misses, hostile strings. */
export const hostileToken = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{32}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{31,33}$/),
  fc.constantFrom('', '.', '..', '../profiles', '%2e%2e', '__proto__', 'constructor', 'prototype', 'A'.repeat(10_000), '\u0000'.repeat(32), 'é'.repeat(32)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const profileKey = fc.constantFrom('categories', 'keywords', 'exclude', 'authors', 'min_score', 'limit', 'types', 'language', 'days', '__proto__', 'constructor', 'prototype', 'extra');
const anyJson = fc.jsonValue({ maxDepth: 3 });
const fieldValue = fc.oneof(
  anyJson,
  fc.constantFrom(['cs.LG'], ['cs.LG', 'cs.AI'], ['math'], [], ['new'], 5, 0, -1, 1e308, 'cs.LG', ['x'.repeat(200)], Array(60).fill('kw')),
  fc.array(fc.string({ maxLength: 120 }), { maxLength: 70 }),
  fc.array(fc.constantFrom('cs.LG', 'cs.AI', '__proto__', 'cs.lg', ''), { maxLength: 30 }),
  hugeString,
);

/** Mostly valid profiles with hostile text inside (unicode, control characters, markup, quotes). */
const plausibleProfile = fc.record(
  {
    categories: fc.subarray(['cs.LG', 'cs.AI', 'cs.CL', 'cs.DC', 'cs', 'quant-ph'], { minLength: 1 }),
    keywords: fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('<b>x</b>', ']]>', '"kv cache"', '\u0000', '💥')), { maxLength: 8 }),
    exclude: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
    authors: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
    min_score: fc.oneof(fc.integer({ min: -5, max: 1005 }), fc.double({ noNaN: false })),
    limit: fc.integer({ min: -1, max: 600 }),
    types: fc.subarray(['new', 'cross', 'replace', 'replace-cross'], { minLength: 1 }),
    language: fc.constantFrom('en', 'zh', 'pt-BR', 'xx-yy-zz', ''),
    days: fc.integer({ min: 0, max: 40 }),
  },
  { requiredKeys: ['categories'] },
);

/** Body text: objects shaped like profiles (wrong types, pollution keys), any JSON, and broken JSON. */
export const hostileBody = fc.oneof(
  { weight: 4, arbitrary: plausibleProfile.map((o) => JSON.stringify(o)) },
  { weight: 5, arbitrary: fc.dictionary(profileKey, fieldValue, { maxKeys: 9 }).map((o) => JSON.stringify(o)) },
  // JSON.stringify drops a `__proto__` own key's special meaning; write it into the text by hand.
  { weight: 2, arbitrary: fc.constantFrom(
      '{"categories":["cs.LG"],"__proto__":{"polluted":"yes"}}',
      '{"categories":["cs.LG"],"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"__proto__":{"categories":["cs.LG"]}}',
      '{"categories":{"__proto__":["cs.LG"]}}',
    ) },
  { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '{', '{"a":', '[' .repeat(50_000), '{"a":'.repeat(20_000), '\u0000', 'NaN', "{'a':1}", '\uFEFF{}', '{"categories":["cs.LG"]}garbage') },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 100_000).map((n) => JSON.stringify({ categories: ['cs.LG'], keywords: Array(n).fill('k') })) },
);
