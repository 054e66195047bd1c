/**
 * The one selection step behind the feeds, the web preview and the summarizer: which papers a
 * profile shows right now, ranked, each with its stored summary. A feed reads the window's scoring
 * view (rows, or the text a ranking needs), ranks, then reads the records and summaries of the
 * papers it shows (lib/store/read-feed-window.ts). Format-neutral: lib/feed turns a Selection into
 * titles, notices and rendered summaries.
 */
import { allowedSummaryLanguages, type Env } from '../env';
import type { Day } from '../model/paper';
import type { Profile } from '../model/profile';
import type { StoredSummary } from '../model/summary';
import { emptyTally, rankPapers, type ExtraScore, type ScoredPaper } from '../score/rank-papers';
import { summaryRef, type FeedVersions, type Store, type VersionValues, type WindowRead } from '../store/store';
import { summaryScope } from '../summarize/summary-scope';
import { candidatePapers, type Candidate } from './candidate-papers';
import { sourcesFor } from './category-sources';
import { feedLimit, type LimitSource } from './feed-limit';
import { findNotIngested, type NotIngested } from './not-ingested';

/** A ranked paper at its newest version (`update` says when that is not the announced one), with its summary. */
export type SelectedPaper = ScoredPaper & Pick<Candidate, 'update'> & { summary: StoredSummary | null };

/** What `min_score` and the limit kept out of a selection (exclude terms are the reader's own choice, not counted). */
export type LeftOut = { belowMinScore: number; pastLimit: number; limit: number; limitSource: LimitSource };

export type WindowSelection = { items: SelectedPaper[]; leftOut: LeftOut };

export type Selection = {
  profile: Profile;
  /** Announcement days read, newest first. */
  days: Day[];
  items: SelectedPaper[];
  leftOut: LeftOut;
  /** Requested categories with nothing stored yet. */
  notIngested: NotIngested[];
  /** ISO time the content last changed (newest store commit or summary; the clock for an empty store). */
  updated: string;
  /** True when no LLM key is configured, so no summary will ever arrive. */
  summariesOff: boolean;
  /** What the store's read left out and why (days over its budget), as sentences for the reader. */
  windowNotices?: string[];
  /** The store versions the selection was read at, for the feed cache (absent: not known). */
  versions?: FeedVersions;
};

type LanguageEnv = Pick<Env, 'SUMMARY_LANGUAGE'> & Partial<Pick<Env, 'SUMMARY_LANGUAGES'>>;
type ScopeEnv = LanguageEnv & Pick<Env, 'SUMMARY_MODEL' | 'OPENAI_BASE_URL'>;
export type SelectEnv = ScopeEnv & Pick<Env, 'ARXIV_CATEGORIES' | 'OPENAI_API_KEY'>;

export type SelectPapersOptions = {
  env: SelectEnv;
  /** Clock for an empty store's `updated` and for category registration (tests pass a fixed one). */
  now?: Date;
  /** Register requested-but-not-ingested categories for the next ingest (default true). */
  registerMissing?: boolean;
  /** Version values the caller already read (a stale cached feed's check), saving their read. */
  known?: VersionValues;
  /** A saved profile's learned points (lib/score/learned/score-learned.ts), added to its keyword score. */
  learned?: ExtraScore | null;
};

export type SelectStore = Pick<Store, 'readManifest' | 'readWindow' | 'readFeedWindow' | 'readShown' | 'requestCategories' | 'requestedCategories'>;

/** True when the ranking reads title, abstract or authors (any new ranking input that reads text joins here). */
export const rankingReadsText = (profile: Pick<Profile, 'keywords' | 'authors' | 'exclude' | 'liked' | 'disliked'>) =>
  profile.keywords.length > 0 || profile.authors.length > 0 || profile.exclude.length > 0 || !!profile.liked?.length || !!profile.disliked?.length;

/**
 * The language a profile's summaries are read and made in: its own while the deployment offers it
 * (SUMMARY_LANGUAGES), else SUMMARY_LANGUAGE. New profiles with another language are refused; one
 * saved before its language was withdrawn reads the default language, so no stored record can add
 * a summary scope (and its cost) the deployment did not choose.
 */
export function profileLanguage(profile: Profile, env: LanguageEnv): string {
  const language = profile.language ?? env.SUMMARY_LANGUAGE;
  return allowedSummaryLanguages(env).includes(language) ? language : env.SUMMARY_LANGUAGE;
}

/** What a profile's selection reads: its sources and days, and the summaries of its language and model. */
export function windowRequest(profile: Profile, env: ScopeEnv) {
  const language = profileLanguage(profile, env);
  return { language, sources: sourcesFor(profile.categories), days: profile.days, summaryScope: summaryScope(language, env) };
}

/** The profile's papers of a window, ranked and limited, each with the window's summary of its shown version, and what was left out. */
export function selectWindow(window: Pick<WindowRead, 'entries' | 'summaries'>, profile: Profile, learned?: ExtraScore | null): WindowSelection {
  const candidates = candidatePapers(window, profile);
  const updates = new Map(candidates.map((c) => [c.paper.id, c.update]));
  const { limit, source } = feedLimit(profile);
  const tally = emptyTally();
  const ranked = rankPapers(candidates.map((c) => c.paper), { ...profile, limit }, tally, learned ?? undefined);
  const items = ranked.map(({ paper, score, matches }) => ({
    paper,
    score,
    matches,
    update: updates.get(paper.id) ?? null,
    summary: window.summaries.get(summaryRef(paper.id, paper.version)) ?? null,
  }));
  return { items, leftOut: { belowMinScore: tally.belowMinScore, pastLimit: tally.passed - items.length, limit, limitSource: source } };
}

/** The profile's papers of a window, as its feed shows them (the summarizer wants exactly these). */
export const rankWindow = (window: Pick<WindowRead, 'entries' | 'summaries'>, profile: Profile, learned?: ExtraScore | null): SelectedPaper[] =>
  selectWindow(window, profile, learned).items;

/** Newest of the store commit and the items' summaries, so a new summary moves Last-Modified. */
function lastChange(committed: string | null, items: SelectedPaper[], now: Date): string {
  if (committed === null) return now.toISOString();
  const times = [committed, ...items.flatMap((i) => (i.summary ? [i.summary.createdAt] : []))];
  const newest = Math.max(...times.map((t) => Date.parse(t)).filter(Number.isFinite));
  return new Date(newest).toISOString();
}

export async function selectPapers(store: SelectStore, profile: Profile, options: SelectPapersOptions): Promise<Selection> {
  const { env } = options;
  const now = options.now ?? new Date();
  const { summaryScope: scope } = windowRequest(profile, env);
  const window = await store.readFeedWindow({
    requested: profile.categories,
    days: profile.days,
    types: profile.types,
    withText: rankingReadsText(profile),
    summaryScope: scope,
    known: options.known,
  });
  const picked = selectWindow({ entries: window.entries, summaries: new Map() }, profile, options.learned);
  const [notIngested, shown] = await Promise.all([
    findNotIngested(store, new Set(window.storedSources), profile, env, options.registerMissing ?? true, now),
    store.readShown(window, picked.items.map((i) => i.paper)),
  ]);
  const items = picked.items.map((item, i) => ({
    ...item,
    paper: shown.papers[i]!,
    summary: shown.summaries.get(summaryRef(item.paper.id, item.paper.version)) ?? null,
  }));
  return {
    profile,
    days: window.days,
    items,
    leftOut: picked.leftOut,
    notIngested,
    updated: lastChange(window.updatedAt, items, now),
    summariesOff: !env.OPENAI_API_KEY,
    windowNotices: window.notices,
    versions: window.versions,
  };
}
