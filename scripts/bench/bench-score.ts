/**
 * 4. Scoring: 100 profiles ranking a window of 5,000 papers (each profile with rankPapers, the
 * exported path the feed and the summarizer call), and how it grows at 1k/5k/20k papers. The
 * yardstick is JSON.parse of the same papers (what reading that window from the store costs).
 * Also the budget for one request: select + score 5,000 + render 100 items (RSS), no I/O.
 */
import { performance } from 'node:perf_hooks';
import { getEnv } from '../../lib/env';
import { renderFeed } from '../../lib/feed/render-feed';
import { selectFeed } from '../../lib/feed/select-feed';
import type { Paper } from '../../lib/model/paper';
import { ProfileSchema, type Profile } from '../../lib/model/profile';
import { rankPapers } from '../../lib/score/rank-papers';
import type { FeedWindow } from '../../lib/store/store';
import { BUSY_CS_DAY, buildDayItems, type SyntheticItem } from './data/build-items';
import { BUSY_SOURCES } from './data/bench-days';
import { buildProfiles, FEED_QUERY_KEYWORDS } from './data/build-profiles';
import { figure, fmt, median, ms, timeRuns, type Figure } from './harness';

const PROFILES = 100;
const SIZES = [1_000, 5_000, 20_000];

function toPaper(item: SyntheticItem, day: string): Paper {
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    abstract: item.abstract,
    authors: item.authors,
    categories: item.categories,
    announceType: item.announceType,
    announced: day,
    firstAnnounced: day,
    ...(item.comments && { comments: item.comments }),
  };
}

/** `count` distinct papers over consecutive synthetic days of the busy categories. */
export function syntheticWindow(count: number, seed = 5): Paper[] {
  const items = buildDayItems({ mix: { ...BUSY_CS_DAY, items: count, replace: 0, replaceCross: 0 }, seed, yymm: '2511', firstNumber: 30000 });
  return items.map((item, i) => toPaper(item, `2025-11-${String(10 + Math.floor(i / 430)).padStart(2, '0')}`));
}

function scoreAll(papers: Paper[], profiles: Profile[]): number {
  let kept = 0;
  for (const profile of profiles) kept += rankPapers(papers, profile).length;
  return kept;
}

export async function benchScore(): Promise<Figure[]> {
  const profiles = buildProfiles(PROFILES, { categories: BUSY_SOURCES, days: 7, limit: 50 }).map((p) => ProfileSchema.parse(p));
  const all = syntheticWindow(SIZES[SIZES.length - 1]!);
  const figures: Figure[] = [];
  for (const size of SIZES) {
    const papers = all.slice(0, size);
    const json = JSON.stringify(papers);
    // Cold: the first pass indexes every paper (index-paper.ts caches per paper afterwards).
    const coldStart = performance.now();
    scoreAll(papers, profiles);
    const cold = performance.now() - coldStart;
    const runs = size >= 20_000 ? 2 : 5;
    const warm = median(await timeRuns(() => scoreAll(papers, profiles), runs, 0));
    const parse = median(await timeRuns(() => JSON.parse(json), runs, 1));
    const is5k = size === 5_000;
    figures.push(
      figure({
        section: '4 scoring',
        what: `${fmt(size)} papers × ${PROFILES} profiles (10 keywords each), warm`,
        value: ms(warm),
        ratio: { value: warm / parse, against: `÷ JSON.parse of those papers ${ms(parse)}`, digits: 1 },
        ...(is5k && { target: { op: '<', limit: 1000, on: warm, unit: 'ms' } }),
        note: `first pass (indexes every paper once): ${ms(cold)}; per profile ${ms(warm / PROFILES)}${is5k ? '' : ''}.`,
      }),
    );
  }
  figures.push(await oneRequestFigure(all.slice(0, 5_000)));
  return figures;
}

/** select + rank 5,000 + render 100 RSS items, from papers already in memory (no store I/O). */
async function oneRequestFigure(papers: Paper[]): Promise<Figure> {
  const days = [...new Set(papers.map((p) => p.announced))].sort().reverse();
  const window: FeedWindow = {
    days,
    entries: papers,
    withText: true,
    storedSources: BUSY_SOURCES,
    notices: [],
    updatedAt: '2025-11-20T12:00:00.000Z',
    versions: { deps: [], tag: '', cacheable: true },
    records: new Map(),
    locations: new Map(),
  };
  const unused = async (): Promise<never> => {
    throw new Error('the bench feeds a window read already in memory');
  };
  const store = {
    readManifest: unused,
    readWindow: unused,
    readFeedWindow: async () => window,
    readShown: async (_w: FeedWindow, shown: Paper[]) => ({ papers: shown, summaries: new Map() }),
    requestCategories: async () => {},
    requestedCategories: async () => [],
  };
  const profile = ProfileSchema.parse({ categories: BUSY_SOURCES, keywords: FEED_QUERY_KEYWORDS.map((k) => k.replace(/"/g, '')), days: 7, limit: 100, types: ['new', 'cross', 'replace'] });
  let items = 0;
  const once = async () => {
    const doc = await selectFeed(store, profile, { env: getEnv(), now: new Date('2025-11-20T12:00:00Z') });
    items = doc.items.length;
    renderFeed(doc, 'rss');
  };
  const t = median(await timeRuns(once, 15, 2));
  return figure({
    section: '4 scoring',
    what: `one feed request's CPU: select + score 5,000 + render ${items} items (RSS), no I/O`,
    value: ms(t),
    target: { op: '<', limit: 50, on: t, unit: 'ms' },
    note: 'Budget: well under 50 ms on this machine.',
  });
}
