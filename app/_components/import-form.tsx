'use client';
/**
 * "Start from papers I already know": arXiv ids or URLs pasted, or a BibTeX, RIS or CSL JSON
 * file (Zotero, Mendeley, Google Scholar, arXiv's own export) uploaded; the server resolves the
 * records (lib/profiles/import-papers.ts) and the form says what it added and what it could not
 * resolve, record by record.
 */
import { useState, type FormEvent } from 'react';
import type { ImportResult } from '../../lib/profiles/import-papers';
import styles from './feedback.module.css';
import { feedbackPath, useFeedbackRequest } from './use-feedback-request';

/** The server's own limit (MAX_IMPORT_TEXT_BYTES), checked here so a huge file is not sent for nothing. */
const MAX_TEXT_BYTES = 1024 * 1024;

function Summary({ result }: { result: ImportResult }) {
  const parts = [`Added ${result.added} paper${result.added === 1 ? '' : 's'}`];
  if (result.alreadyLiked) parts.push(`${result.alreadyLiked} already liked`);
  if (result.fetched) parts.push(`${result.fetched} fetched from arXiv to learn from`);
  return (
    <div className={styles.importResult}>
      <p className="ok">{parts.join(' · ')}.</p>
      {result.notFetched > 0 && (
        <p className="help">
          {result.notFetched} liked but not learned from yet: arXiv could not be asked ({result.arxivError ?? 'no answer'}).
        </p>
      )}
      {result.dropped.length > 0 && <p className="help">The list holds 500 likes: the {result.dropped.length} oldest were dropped.</p>}
      {result.unresolved.length > 0 && (
        <>
          <p className={styles.unresolvedHeading}>Could not resolve {result.unresolved.length}:</p>
          <ul className={styles.unresolved}>
            {result.unresolved.map((u, i) => (
              <li key={i}>
                <span className={styles.entry}>{u.entry}</span> — {u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ImportForm({ token }: { token: string }) {
  const { busy, send } = useFeedbackRequest();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const text = file ? await file.text() : String(new FormData(form).get('text') ?? '');
    if (!text.trim()) return setError('Paste arXiv ids or URLs, or choose a file.');
    if (new Blob([text]).size > MAX_TEXT_BYTES) return setError('That is more than 1 MB: import a smaller file.');
    const answer = await send<ImportResult>('POST', feedbackPath(token, 'import'), { text, ...(file ? { filename: file.name } : {}) });
    setError(answer.ok ? null : answer.message);
    setResult(answer.ok ? answer.body : null);
  };
  return (
    <form className={styles.importForm} onSubmit={submit} aria-labelledby="import-heading">
      <h3 id="import-heading" className={styles.listHeading}>
        Start from papers you know
      </h3>
      <label htmlFor="import-text">arXiv ids or URLs, or a pasted export</label>
      <textarea id="import-text" name="text" rows={3} placeholder="2401.01234, https://arxiv.org/abs/2312.00752" />
      <label htmlFor="import-file">or a BibTeX, RIS or CSL JSON file</label>
      <input id="import-file" type="file" accept=".bib,.bibtex,.ris,.json,.txt" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import as liked'}
        </button>
      </div>
      <div aria-live="polite">
        {error && <p className="notice notice-error">{error}</p>}
        {result && <Summary result={result} />}
      </div>
    </form>
  );
}
