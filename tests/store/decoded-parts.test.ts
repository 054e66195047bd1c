/** The per-process cache of decoded bucket values (lib/store/decoded-parts.ts): bounded, keyed by stored size too. */
import { describe, expect, it } from 'vitest';
import { DecodedParts } from '../../lib/store/decoded-parts';
import { makeBucket } from '../helpers/make-papers';

const json = (value: unknown) => JSON.stringify(value).length;

describe('decoded parts', () => {
  it('keeps values within its byte bound, least recently used out first', () => {
    const papers = () => makeBucket('2025-11-21', 'cs.LG', 10, 0);
    const size = 2 * json(papers()) + 96 * 10;
    const cache = new DecodedParts(8 * size + 1);
    for (let i = 0; i < 8; i++) cache.set({ key: `k${i}`, bytes: 100 }, papers(), json(papers()));
    expect(cache.get({ key: 'k0', bytes: 100 })).toBeDefined(); // k0 now most recently used
    cache.set({ key: 'k8', bytes: 100 }, papers(), json(papers()));
    expect(cache.get({ key: 'k1', bytes: 100 })).toBeUndefined();
    expect(cache.get({ key: 'k0', bytes: 100 })).toHaveLength(10);
    expect(cache.get({ key: 'k8', bytes: 100 })).toHaveLength(10);
  });

  it('does not keep one value over an eighth of the bound, and tells values of another stored size apart', () => {
    const papers = makeBucket('2025-11-21', 'cs.LG', 10, 0);
    const small = new DecodedParts(json(papers));
    expect(small.set({ key: 'k', bytes: 1 }, papers, json(papers))).toHaveLength(10);
    expect(small.get({ key: 'k', bytes: 1 })).toBeUndefined();
    const cache = new DecodedParts();
    cache.set({ key: 'k', bytes: 1 }, papers, json(papers));
    expect(cache.get({ key: 'k', bytes: 2 })).toBeUndefined();
    expect(cache.get({ key: 'k', bytes: 1 })).toBe(papers);
  });
});
