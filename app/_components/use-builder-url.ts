/**
 * Keeps the page URL in step with the builder form: after a pause in typing, or at once on
 * submit, the form's query replaces the URL (without scrolling) and the server re-renders the
 * preview for it. `pending` is true while that re-render is in flight.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';
import { builderQuery } from '../../lib/preview/builder-query';

/** Long enough to not re-render on every keystroke, short enough to feel live. */
const DEBOUNCE_MS = 450;

export function useBuilderUrl() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const update = (form: HTMLFormElement) => {
    const query = builderQuery(new FormData(form) as unknown as Iterable<[string, string]>).toString();
    if (query === window.location.search.slice(1)) return;
    startTransition(() => router.replace(query ? `/?${query}` : '/', { scroll: false }));
  };
  const schedule = (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => update(form), DEBOUNCE_MS);
  };
  const submitNow = (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    update(form);
  };
  return { pending, schedule, submitNow };
}
