/**
 * Statistics of the selection on screen (papers shown of those matched, its categories, its
 * announcement and whether that is out of date) and the state of the last ingest and summarize runs.
 */
import type { PreviewModel } from '../../lib/preview/load-preview';
import { formatDay } from '../../lib/preview/page-notices';
import type { RunStatus } from '../../lib/store/store';

const RUN_WORDS: Partial<Record<RunStatus['state'], string>> = { ok: 'ok', quiet: 'nothing announced', failed: 'failed', running: 'running', stale: 'no new announcement yet', disabled: 'off' };

const utc = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

function RunLine({ label, run }: { label: string; run: RunStatus | null }) {
  if (!run) return <li>{label}: not run yet</li>;
  const when = run.finishedAt ?? run.startedAt;
  return (
    <li>
      {label}: <span className={`run run-${run.state}`}>{RUN_WORDS[run.state] ?? run.state}</span> <time dateTime={when}>{utc(when)}</time>
      {run.state === 'failed' && run.error && <span className="run-error"> — {run.error}</span>}
    </li>
  );
}

/** How many categories the stat names before "+N more" (all of them are in its title). */
const SHOWN_CATEGORIES = 4;

function CategoriesStat({ categories }: { categories: string[] }) {
  const shown = categories.slice(0, SHOWN_CATEGORIES).join(', ');
  const more = categories.length - SHOWN_CATEGORIES;
  return (
    <div>
      <dt>Categories</dt>
      <dd className="stat-categories" title={categories.join(', ')}>
        {shown}
        {more > 0 && ` +${more} more`}
      </dd>
    </div>
  );
}

function PapersStat({ model }: { model: PreviewModel }) {
  const { papersShown, papersMatched } = model.stats;
  const leftOut = papersMatched - papersShown;
  const why = leftOut ? `${leftOut} left out by min score or the limit` : 'none left out';
  return (
    <div>
      <dt>Papers</dt>
      <dd title={`${papersMatched} papers of the shown days match this selection; ${why}`}>
        {papersShown} of {papersMatched}
      </dd>
    </div>
  );
}

function AnnouncementStat({ model }: { model: PreviewModel }) {
  const { doc, freshness } = model;
  const day = doc.days[0];
  return (
    <div className={freshness.stale && day ? 'stat-stale' : undefined}>
      <dt>Announcement</dt>
      <dd>
        {day ? formatDay(day) + (doc.days.length > 1 ? ` (+${doc.days.length - 1} earlier)` : '') : '—'}
        {freshness.stale && day && (
          <span className="stale-flag" title={`arXiv’s schedule expects ${formatDay(freshness.expectedDay)}`}>
            out of date
          </span>
        )}
      </dd>
    </div>
  );
}

export function StatusPanel({ model }: { model: PreviewModel }) {
  const { stats, runs, doc } = model;
  return (
    <section className="status" aria-label="Statistics and runs">
      <dl className="stats">
        <div>
          <dt>Last updated</dt>
          <dd>{stats.lastUpdated ? <time dateTime={stats.lastUpdated}>{utc(stats.lastUpdated)}</time> : 'never'}</dd>
        </div>
        <PapersStat model={model} />
        <CategoriesStat categories={doc.categories} />
        <AnnouncementStat model={model} />
      </dl>
      <ul className="runs">
        <RunLine label="Last fetch from arXiv" run={runs.ingest} />
        <RunLine label="Last summaries run" run={runs.summarize} />
      </ul>
    </section>
  );
}
