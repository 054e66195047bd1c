/**
 * Decides what a valid arXiv answer means for the store (pure, no I/O): a quiet day, a stale
 * repeat, a suspiciously small (failed) day unless the operator accepts it, or buckets to commit
 * for the sources that do not have this day yet.
 */
import type { Announcement } from '../../arxiv/parse-announcements';
import type { Day, Paper } from '../../model/paper';
import type { Manifest } from '../../store/store';
import { bucketPapers } from './bucket-papers';
import { checkDay } from './check-day';
import type { IngestResult, SourceOutcome } from './ingest-result';

export type DayPlan = {
  state: Exclude<IngestResult['state'], 'busy'>;
  day?: Day;
  error?: string;
  /** Papers that belong to at least one source. */
  matched: Paper[];
  /** Items matching no source plus unreadable items. */
  skipped: number;
  /** Buckets to commit (only when state is ok). */
  commit: Record<string, Paper[]>;
  sourceOutcomes: Record<string, SourceOutcome>;
  detail: Record<string, unknown>;
};

const every = (sources: string[], outcome: SourceOutcome['outcome'], count = (_s: string) => 0) =>
  Object.fromEntries(sources.map((s) => [s, { outcome, papers: count(s) }]));

export type PlanOptions = {
  /** Store a day refused as too small (an operator's word that arXiv really announced that few). @default false */
  acceptSmall?: boolean;
};

const papers = (n: number) => `${n} paper${n === 1 ? '' : 's'}`;

export function planDay(announcement: Announcement, manifest: Manifest, sources: string[], options: PlanOptions = {}): DayPlan {
  const day = announcement.day ?? undefined;
  const buckets = bucketPapers(announcement.papers, sources);
  const base = { day, matched: buckets.matched, skipped: announcement.invalid + buckets.unmatched, commit: {}, detail: { skipDays: announcement.skipDays } };
  const count = (s: string) => buckets.bySource[s]!.length;
  if (!day || !buckets.matched.length) return { ...base, state: 'quiet', sourceOutcomes: every(sources, 'quiet') };

  const check = checkDay(manifest, day, buckets.bySource);
  if (check.tooFew && !options.acceptSmall) {
    const { actual, usual } = check.tooFew;
    return {
      ...base,
      state: 'failed',
      // Every later run would refuse the same day again: say how to take it.
      error:
        `arXiv sent only ${papers(actual)} for ${day} where about ${usual} are usual: refusing a likely broken answer; ` +
        `run \`npm run ingest -- --accept-small\` if arXiv really announced only ${papers(actual)}`,
      sourceOutcomes: every(sources, 'failed', count),
      detail: { ...base.detail, tooFew: check.tooFew },
    };
  }
  const accepted = check.tooFew ? { detail: { ...base.detail, acceptedSmall: check.tooFew } } : {};
  const sourceOutcomes = Object.fromEntries(
    sources.map((s): [string, SourceOutcome] => [s, { outcome: check.stale.includes(s) ? 'already-stored' : 'stored', papers: count(s) }]),
  );
  if (!check.fresh.length)
    return { ...base, ...accepted, state: 'stale', error: `arXiv still serves ${day}, which is already stored; nothing new yet`, sourceOutcomes };
  return { ...base, ...accepted, state: 'ok', commit: Object.fromEntries(check.fresh.map((s) => [s, buckets.bySource[s]!])), sourceOutcomes };
}
