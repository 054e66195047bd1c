/**
 * History for a store that has none yet (first start): a few pages of the newest submissions of the
 * sources from the arXiv API, submitted in the BACKFILL_WINDOW_DAYS before the 14:00 ET cut-off that
 * closed the mailing before the RSS day, placed on approximate announcement days (the mailing after
 * the submission's cut-off, holidays ignored — see lib/arxiv/announcement-day.ts) and labelled
 * `new`/`cross` per source with their newest version. It is best effort: one attempt per page, no
 * retries; a failure is reported to the caller and never undoes the day already stored. Papers of
 * the RSS day and duplicates across overlapping API pages are dropped; the oldest day is dropped
 * when the page budget ran out (it would be incomplete).
 */
import { addDays, approximateAnnouncementDay, mailingCutoff, previousWeekday } from '../../arxiv/announcement-day';
import { ArxivResponseError } from '../../arxiv/arxiv-error';
import { apiQueryUrl } from '../../arxiv/arxiv-urls';
import { fetchArxiv, type ArxivFetchOptions } from '../../arxiv/fetch-arxiv';
import { parseApiFeed, type ApiPaper } from '../../arxiv/parse-api-feed';
import type { Day, Paper } from '../../model/paper';
import type { Store } from '../../store/store';
import { bucketPapers } from './bucket-papers';

export const BACKFILL_MAX_PAGES = 3;
export const BACKFILL_PAGE_SIZE = 200;
/** How far back the submission window reaches before the RSS day's batch. */
export const BACKFILL_WINDOW_DAYS = 7;

export type BackfillOutcome = {
  state: 'ok' | 'empty' | 'failed';
  pages: number;
  papers: number;
  days: Day[];
  error?: string;
  bodyStart?: string;
};

export type BackfillDeps = {
  store: Pick<Store, 'acquireLock' | 'releaseLock' | 'getPaperVersions' | 'putPaperVersions' | 'commitDay'>;
  fetch?: typeof fetch;
  log?: (line: string) => void;
};

export type BackfillInput = {
  apiUrl: string;
  sources: string[];
  /** Only papers announced before this day (the RSS day, whose papers are stored already). */
  beforeDay: Day;
  knownIds: Set<string>;
  now: Date;
  request: Omit<ArxivFetchOptions, 'maxRetries'>;
  /** @default BACKFILL_PAGE_SIZE */
  pageSize?: number;
  /** @default BACKFILL_MAX_PAGES */
  maxPages?: number;
};

type Fetched = { papers: Map<string, ApiPaper>; pages: number; exhausted: boolean; failure?: ArxivResponseError };

async function fetchPages(deps: BackfillDeps, input: BackfillInput): Promise<Fetched> {
  // The window ends where the RSS day's batch begins, at the cut-off that closed the mailing before
  // it. Later submissions belong to the RSS day (stored already) or later mailings; after a weekend
  // they would fill most of the page budget only to be dropped.
  const lastMailing = previousWeekday(input.beforeDay);
  const submittedTo = mailingCutoff(lastMailing);
  const submittedFrom = mailingCutoff(addDays(lastMailing, -BACKFILL_WINDOW_DAYS));
  const { pageSize = BACKFILL_PAGE_SIZE, maxPages = BACKFILL_MAX_PAGES } = input;
  const papers = new Map<string, ApiPaper>();
  let pages = 0;
  for (let page = 0; page < maxPages; page++) {
    const url = apiQueryUrl(input.apiUrl, { sources: input.sources, start: page * pageSize, maxResults: pageSize, submittedFrom, submittedTo });
    try {
      const result = await fetchArxiv(url, (body) => parseApiFeed(body, url), deps, { ...input.request, maxRetries: 0 });
      pages++;
      // Consecutive API pages can overlap: keep one record per id, the newest version.
      for (const p of result.papers) if ((papers.get(p.id)?.version ?? 0) < p.version) papers.set(p.id, p);
      const end = result.startIndex + result.papers.length + result.invalid;
      if (result.papers.length + result.invalid < pageSize || end >= result.totalResults) return { papers, pages, exhausted: true };
    } catch (err) {
      if (!(err instanceof ArxivResponseError)) throw err;
      return { papers, pages, exhausted: false, failure: err };
    }
  }
  return { papers, pages, exhausted: false };
}

function groupByDay(papers: ApiPaper[]): Map<Day, Paper[]> {
  const days = new Map<Day, Paper[]>();
  for (const { published, updated: _updated, ...rest } of papers) {
    const day = approximateAnnouncementDay(published);
    const paper: Paper = { ...rest, announceType: 'new', announced: day, firstAnnounced: day };
    days.set(day, [...(days.get(day) ?? []), paper]);
  }
  return days;
}

export async function runBackfill(deps: BackfillDeps, input: BackfillInput): Promise<BackfillOutcome> {
  const fetched = await fetchPages(deps, input);
  const failure = fetched.failure && { error: fetched.failure.message, bodyStart: fetched.failure.detail.bodyStart };
  const candidates = [...fetched.papers.values()].filter((p) => !input.knownIds.has(p.id));
  const known = await deps.store.getPaperVersions(candidates.map((p) => p.id));
  const byDay = groupByDay(candidates.filter((p) => !known.has(p.id)));
  const days = [...byDay.keys()].filter((d) => d < input.beforeDay).sort();
  if (!fetched.exhausted && days.length > 1) days.shift();

  let stored = 0;
  const storedDays: Day[] = [];
  for (const day of days) {
    const { bySource, matched } = bucketPapers(byDay.get(day)!, input.sources);
    if (!matched.length) continue;
    storedDays.push(day);
    await deps.store.putPaperVersions(new Map(matched.map((p) => [p.id, { version: p.version, firstAnnounced: day }])));
    await deps.store.commitDay(day, Object.fromEntries(Object.entries(bySource).filter(([, ps]) => ps.length)), input.now);
    stored += matched.length;
  }
  const state = failure ? 'failed' : stored ? 'ok' : 'empty';
  return { state, pages: fetched.pages, papers: stored, days: storedDays, ...failure };
}
