import { describe, expect, it } from 'vitest';
import { pageHref, paginate, PAGE_SIZE } from '../../lib/preview/paginate';

const items = Array.from({ length: 120 }, (_, i) => i + 1);
const q = (s: string) => new URLSearchParams(s);

describe('paginate', () => {
  it('renders the first 50 cards and links the next page, keeping the selection', () => {
    const p = paginate(items, q('cats=cs.LG&q=kernel'));
    expect(PAGE_SIZE).toBe(50);
    expect(p).toMatchObject({ page: 1, pages: 3, offset: 0, total: 120, prevHref: null, nextHref: '/?cats=cs.LG&q=kernel&page=2' });
    expect(p.items).toEqual(items.slice(0, 50));
  });

  it('shows a later page with links both ways; page 1 drops the parameter', () => {
    const p = paginate(items, q('profile=tok_abc&page=2'));
    expect(p.items[0]).toBe(51);
    expect(p).toMatchObject({ page: 2, offset: 50, prevHref: '/?profile=tok_abc', nextHref: '/?profile=tok_abc&page=3' });
    const last = paginate(items, q('page=3'));
    expect(last.items).toEqual(items.slice(100));
    expect(last).toMatchObject({ nextHref: null, prevHref: '/?page=2' });
  });

  it('reads a bad or too large page as page 1 or the last page', () => {
    for (const bad of ['page=abc', 'page=0', 'page=-2', 'page=1.5', 'page=', '']) expect(paginate(items, q(bad)).page, bad).toBe(1);
    expect(paginate(items, q('page=99')).page).toBe(3);
    expect(paginate([], q('page=4'))).toMatchObject({ page: 1, pages: 1, items: [], prevHref: null, nextHref: null });
  });

  it('links the default page as / when no other parameter is set', () => {
    expect(pageHref(q('page=5'), 1)).toBe('/');
  });
});
