/**
 * The arXiv URLs the ingest (and a profile's import) asks, built from the configurable bases (ARXIV_RSS_URL,
 * ARXIV_API_URL) so tests and mirrors can replace them.
 */
import { CATEGORIES, isArchive } from '../model/taxonomy';

/** `cs.LG` is already in `cs`: asking for both would only make the URL longer. */
export function coveringSources(sources: string[]): string[] {
  const archives = new Set(sources.filter(isArchive));
  return [...new Set(sources)].filter((s) => isArchive(s) || !archives.has(s.split('.')[0]!));
}

/** One request for every source: `https://rss.arxiv.org/rss/cs.AI+cs.LG+math`. */
export function rssUrl(base: string, sources: string[]): string {
  return `${base.replace(/\/+$/, '')}/${coveringSources(sources).join('+')}`;
}

/** `cat:cs.LG`, and `cat:cs.*` for an archive with subject classes (`cat:quant-ph` for one without). */
function catTerm(source: string): string {
  const hasClasses = isArchive(source) && CATEGORIES.some((c) => c.archive === source && c.id !== source);
  return `cat:${hasClasses ? `${source}.*` : source}`;
}

/** `YYYYMMDDHHMM` in UTC, the API's `submittedDate` range format. */
const apiTime = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 12);

export type ApiQuery = { sources: string[]; start: number; maxResults: number; submittedFrom: Date; submittedTo: Date };

/** Newest submissions first within a submission window. https://info.arxiv.org/help/api/user-manual.html */
export function apiQueryUrl(base: string, q: ApiQuery): string {
  const cats = coveringSources(q.sources).map(catTerm).join(' OR ');
  const url = new URL(base);
  url.searchParams.set('search_query', `(${cats}) AND submittedDate:[${apiTime(q.submittedFrom)} TO ${apiTime(q.submittedTo)}]`);
  url.searchParams.set('sortBy', 'submittedDate');
  url.searchParams.set('sortOrder', 'descending');
  url.searchParams.set('start', String(q.start));
  url.searchParams.set('max_results', String(q.maxResults));
  return url.href;
}

/** Papers by id (`id_list`), newest version of each; one request for up to `ids.length` papers. https://info.arxiv.org/help/api/user-manual.html */
export function apiIdListUrl(base: string, ids: readonly string[]): string {
  const url = new URL(base);
  url.searchParams.set('id_list', ids.join(','));
  url.searchParams.set('start', '0');
  url.searchParams.set('max_results', String(ids.length));
  return url.href;
}
