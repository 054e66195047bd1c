/**
 * The save / update / delete requests behind ProfileActions, against this app's own
 * `/api/profiles` (relative paths only). Each action ends in one Outcome for the panel to show;
 * a network failure becomes an error outcome rather than an unhandled rejection.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Profile } from '../../lib/model/profile';

export type Outcome = { kind: 'saved'; token: string } | { kind: 'updated' } | { kind: 'deleted' } | { kind: 'error'; message: string };

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

export function useProfileActions(profile: Profile) {
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
      // Without the lists the server keeps the stored ones: a like recorded since this page loaded stays.
      const { liked: _liked, disliked: _disliked, ...rules } = profile;
      const res = await send('PUT', `/api/profiles/${encodeURIComponent(t)}`, rules);
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

  return { busy, outcome, save, update, remove };
}
