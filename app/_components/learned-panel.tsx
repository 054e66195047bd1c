'use client';
/**
 * The saved profile's learned relevance on the page: the liked and disliked papers (newest
 * first), each with a remove button, a reset of both lists, and the import of papers the reader
 * already knows (import-form.tsx).
 */
import type { FeedbackPaper, FeedbackPanel } from '../../lib/preview/feedback-panel';
import styles from './feedback.module.css';
import { ImportForm } from './import-form';
import { feedbackPath, useFeedbackRequest } from './use-feedback-request';
import { useState } from 'react';

function PaperList({ title, papers, onRemove, busy }: { title: string; papers: FeedbackPaper[]; onRemove: (id: string) => void; busy: boolean }) {
  if (!papers.length) return null;
  return (
    <>
      <h3 className={styles.listHeading}>
        {title} ({papers.length})
      </h3>
      <ul className={styles.paperList}>
        {papers.map((p) => (
          <li key={p.id}>
            <a href={`https://arxiv.org/abs/${p.id}`}>{p.title ?? `arXiv:${p.id}`}</a>
            <button type="button" className={styles.remove} disabled={busy} onClick={() => onRemove(p.id)} aria-label={`Remove ${p.title ?? p.id}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function Explanation({ panel }: { panel: FeedbackPanel }) {
  const count = panel.liked.length + panel.disliked.length;
  return (
    <p className="help">
      {count
        ? `This profile's feed and this page rank papers by resemblance to ${count === 1 ? 'this paper' : `these ${count} papers`}${panel.embeddings ? ' (by embeddings where a paper has one)' : ''}.`
        : 'Press “More like this” or “Less like this” on a paper, or import papers you know: the feed learns what you read.'}
      {panel.notLearned > 0 && ` ${panel.notLearned} of them are not learned from yet: their text is in neither the store nor the model.`}
    </p>
  );
}

export function LearnedPanel({ token, panel }: { token: string; panel: FeedbackPanel }) {
  const { busy, send } = useFeedbackRequest();
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => ReturnType<typeof send>) => {
    const answer = await call();
    setError(answer.ok ? null : answer.message);
  };
  const remove = (id: string) => run(() => send('POST', feedbackPath(token, 'feedback'), { id, signal: 'clear' }));
  const reset = () => {
    if (window.confirm('Forget every like and dislike of this profile?')) void run(() => send('DELETE', feedbackPath(token, 'feedback')));
  };
  const count = panel.liked.length + panel.disliked.length;
  return (
    <section className="panel" aria-labelledby="learned-heading">
      <h2 id="learned-heading">Learned relevance</h2>
      <Explanation panel={panel} />
      <PaperList title="More like" papers={panel.liked} onRemove={remove} busy={busy} />
      <PaperList title="Less like" papers={panel.disliked} onRemove={remove} busy={busy} />
      {count > 0 && (
        <div className="form-actions">
          <button type="button" className="danger" disabled={busy} onClick={reset}>
            Reset likes and dislikes
          </button>
        </div>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <ImportForm token={token} />
    </section>
  );
}
