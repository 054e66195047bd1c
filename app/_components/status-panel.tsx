/** Statistics (as the seed bot showed them) and the state of the last ingest and summarize runs. */
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

export function StatusPanel({ model }: { model: PreviewModel }) {
  const { stats, runs, doc } = model;
  const day = doc.days[0];
  return (
    <section className="status" aria-label="Statistics and runs">
      <dl className="stats">
        <div>
          <dt>Last updated</dt>
          <dd>{stats.lastUpdated ? <time dateTime={stats.lastUpdated}>{utc(stats.lastUpdated)}</time> : 'never'}</dd>
        </div>
        <div>
          <dt>Papers found</dt>
          <dd title={`${stats.papersInWindow} listings in these categories on the shown days (cross-lists count once per category)`}>
            {stats.papersShown}
          </dd>
        </div>
        <div>
          <dt>Categories monitored</dt>
          <dd title={stats.categoriesMonitored.join(', ')}>{stats.categoriesMonitored.length}</dd>
        </div>
        <div>
          <dt>Announcement</dt>
          <dd>{day ? formatDay(day) + (doc.days.length > 1 ? ` (+${doc.days.length - 1} earlier)` : '') : '—'}</dd>
        </div>
      </dl>
      <ul className="runs">
        <RunLine label="Last fetch from arXiv" run={runs.ingest} />
        <RunLine label="Last summaries run" run={runs.summarize} />
      </ul>
    </section>
  );
}
