/**
 * The page shows a selection 50 cards at a time: a feed may carry up to 500 papers, and on a
 * phone every card is a screen or more. Pages are plain links (`/?…&page=2`) rendered on the
 * server, so they work without JavaScript and each page is as light as the first.
 */

/** Cards per page. */
export const PAGE_SIZE = 50;

export type Pagination<T> = {
  /** The cards of this page. */
  items: T[];
  /** 1-based page number, clamped to the pages there are. */
  page: number;
  pages: number;
  /** Position of this page's first card in the whole selection (0-based). */
  offset: number;
  total: number;
  /** `/?…` of the previous and next pages, or null at either end. */
  prevHref: string | null;
  nextHref: string | null;
};

/** The query of page `page` of the same selection: every other parameter kept, `page` dropped on page 1. */
export function pageHref(query: URLSearchParams, page: number): string {
  const q = new URLSearchParams(query);
  q.delete('page');
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `/?${text}` : '/';
}

/** `?page=` as the reader typed it: anything but a positive integer is page 1, a page past the end is the last. */
export function paginate<T>(items: T[], query: URLSearchParams, size = PAGE_SIZE): Pagination<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const asked = Number(query.get('page'));
  const page = Number.isInteger(asked) && asked > 1 ? Math.min(asked, pages) : 1;
  const offset = (page - 1) * size;
  return {
    items: items.slice(offset, offset + size),
    page,
    pages,
    offset,
    total: items.length,
    prevHref: page > 1 ? pageHref(query, page - 1) : null,
    nextHref: page < pages ? pageHref(query, page + 1) : null,
  };
}
