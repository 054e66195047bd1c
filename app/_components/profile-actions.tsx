'use client';
/**
 * "Save as my profile": POST /api/profiles with the profile the preview shows, then the secret
 * feed URL is shown ONCE with a warning. On `/?profile=<token>` the same panel updates (PUT) or
 * deletes (DELETE) that profile.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Profile } from '../../lib/model/profile';
import { feedLinks } from '../../lib/feed/feed-links';
import { CopyButton } from './copy-button';

type Outcome = { kind: 'saved'; token: string } | { kind: 'updated' } | { kind: 'deleted' } | { kind: 'error'; message: string };

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string };
    return body.error ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

async function send(method: 'POST' | 'PUT' | 'DELETE', path: string, profile?: Profile): Promise<Response> {
  return fetch(path, {
    method,
    headers: profile ? { 'content-type': 'application/json' } : undefined,
    body: profile ? JSON.stringify(profile) : undefined,
  });
}

function SecretBox({ token }: { token: string }) {
  const origin = window.location.origin;
  const links = feedLinks(origin, { token });
  return (
    <div className="secret" role="status">
      <p className="warning">
        <strong>Keep this private.</strong> This is shown only once: the token in these URLs is the only key to your
        profile. Anyone who has it can read, change or delete it. Copy it now.
      </p>
      <label htmlFor="secret-rss">Your private RSS feed</label>
      <div className="url-field">
        <input id="secret-rss" type="url" readOnly value={links.rss} />
        <CopyButton value={links.rss} label="private RSS URL" fieldId="secret-rss" />
      </div>
      <label htmlFor="secret-edit">Edit or delete it later at</label>
      <div className="url-field">
        <input id="secret-edit" type="url" readOnly value={links.page} />
        <CopyButton value={links.page} label="private edit URL" fieldId="secret-edit" />
      </div>
      <p>
        <a href={links.page}>Open the saved profile</a> · <a href={links.atom}>Atom</a> · <a href={links.json}>JSON</a> ·{' '}
        <a href={links.opml}>OPML</a>
      </p>
    </div>
  );
}

export function ProfileActions({ profile, token }: { profile: Profile; token: string | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    try {
      setOutcome(await action());
    } catch (err) {
      setOutcome({ kind: 'error', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const res = await send('POST', '/api/profiles', profile);
      if (!res.ok) return { kind: 'error', message: await errorMessage(res) };
      const body = (await res.json()) as { token: string };
      return { kind: 'saved', token: body.token };
    });
  const update = (t: string) =>
    run(async () => {
      const res = await send('PUT', `/api/profiles/${encodeURIComponent(t)}`, profile);
      if (!res.ok) return { kind: 'error', message: await errorMessage(res) };
      router.replace(`/?profile=${encodeURIComponent(t)}`, { scroll: false });
      return { kind: 'updated' };
    });
  const remove = (t: string) =>
    run(async () => {
      if (!window.confirm('Delete this saved profile? Its feed URLs will stop working.')) return { kind: 'error', message: 'Not deleted.' };
      const res = await send('DELETE', `/api/profiles/${encodeURIComponent(t)}`);
      if (!res.ok && res.status !== 404) return { kind: 'error', message: await errorMessage(res) };
      return { kind: 'deleted' };
    });

  return (
    <section className="panel profile-actions" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{token ? 'Saved profile' : 'Save as my profile'}</h2>
      {token ? (
        <>
          <p className="help">You are editing a saved profile. Changes in the builder show here first; save them to update the feed.</p>
          <div className="form-actions">
            <button type="button" onClick={() => update(token)} disabled={busy || outcome?.kind === 'deleted'}>
              Save changes
            </button>
            <button type="button" className="danger" onClick={() => remove(token)} disabled={busy || outcome?.kind === 'deleted'}>
              Delete profile
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="help">Get a short private feed URL for this selection that you can change later without resubscribing.</p>
          <div className="form-actions">
            <button type="button" onClick={save} disabled={busy || outcome?.kind === 'saved'}>
              Save as my profile
            </button>
          </div>
        </>
      )}
      <div aria-live="polite">
        {outcome?.kind === 'saved' && <SecretBox token={outcome.token} />}
        {outcome?.kind === 'updated' && <p className="ok">Saved. Your feed URLs stay the same.</p>}
        {outcome?.kind === 'deleted' && (
          <p className="ok">
            Deleted. <a href="/">Start again</a>
          </p>
        )}
        {outcome?.kind === 'error' && <p className="notice notice-error">{outcome.message}</p>}
      </div>
    </section>
  );
}
