/**
 * Papers by arXiv id from the API (`id_list`), for papers a reader names that the store does not
 * hold (a profile's import): ID_LIST_BATCH ids a request, each request through the global arXiv
 * throttle (fetch-arxiv.ts), none started past the deadline. An id the API does not return is
 * not on arXiv; a request that fails leaves its ids unknown rather than failing the whole lookup.
 */
import type { Paper } from '../model/paper';
import { ArxivResponseError } from './arxiv-error';
import { apiIdListUrl } from './arxiv-urls';
import { fetchArxiv, type ArxivFetchDeps, type ArxivFetchOptions } from './fetch-arxiv';
import { parseApiFeed, type ApiPaper } from './parse-api-feed';

/** Ids per request: arXiv's own examples list a few dozen; 100 keeps a 500-entry import to five requests. */
export const ID_LIST_BATCH = 100;

export type FetchByIdResult = {
  /** The papers found, as a day of `new` announcements on their first submission day. */
  papers: Paper[];
  /** Asked for, answered, and not among the answer's papers. */
  notOnArxiv: string[];
  /** Not asked or not answered (deadline, arXiv failing); `error` says why. */
  unknown: string[];
  error: string | null;
};

/** The API's paper placed on its submission day, which is all the model needs of a day. */
function asPaper({ published, updated: _updated, ...paper }: ApiPaper): Paper {
  const day = published.toISOString().slice(0, 10);
  return { ...paper, announceType: 'new', announced: day, firstAnnounced: day };
}

export async function fetchPapersById(ids: readonly string[], apiBase: string, deps: ArxivFetchDeps, options: ArxivFetchOptions): Promise<FetchByIdResult> {
  const result: FetchByIdResult = { papers: [], notOnArxiv: [], unknown: [], error: null };
  for (let start = 0; start < ids.length; start += ID_LIST_BATCH) {
    const batch = ids.slice(start, start + ID_LIST_BATCH);
    if (result.error) {
      result.unknown.push(...batch);
      continue;
    }
    const url = apiIdListUrl(apiBase, batch);
    try {
      const page = await fetchArxiv(url, (body) => parseApiFeed(body, url), deps, options);
      const found = new Map(page.papers.map((p) => [p.id, p]));
      for (const id of batch) {
        const paper = found.get(id);
        if (paper) result.papers.push(asPaper(paper));
        else result.notOnArxiv.push(id);
      }
    } catch (err) {
      if (!(err instanceof ArxivResponseError)) throw err;
      result.error = err.message;
      result.unknown.push(...batch);
    }
  }
  return result;
}
