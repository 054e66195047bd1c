/**
 * The requests behind the page's feedback controls (card buttons, the profile's learned panel,
 * the import form), against this app's own `/api/profiles/<token>/…` (relative paths, JSON, so
 * the API gate sees a same-origin write). After a change the server renders the page again: the
 * ranking and the panel's lists follow the new feedback.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export type FeedbackState = 'liked' | 'disliked' | null;
export type FeedbackSignal = 'more' | 'less' | 'clear';

/** An answer's JSON, or the error message the API put in it. */
type Answer<T> = { ok: true; body: T } | { ok: false; message: string };

async function request<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & { error?: string };
    return res.ok ? { ok: true, body: json } : { ok: false, message: json.error ?? `the server answered ${res.status}` };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

export const feedbackPath = (token: string, what: 'feedback' | 'import') => `/api/profiles/${encodeURIComponent(token)}/${what}`;

export function useFeedbackRequest() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const send = async <T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer<T>> => {
    setBusy(true);
    try {
      const answer = await request<T>(method, path, body);
      if (answer.ok) router.refresh();
      return answer;
    } finally {
      setBusy(false);
    }
  };
  return { busy, send };
}
