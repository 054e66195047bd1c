'use client';
/**
 * The feed builder. A plain GET form to `/` whose fields are `/api/feed`'s parameters, so it works
 * without JavaScript (submit button); with JavaScript the page URL follows the form as the user
 * types (debounced `router.replace`), and the server re-renders the preview for the new query.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';
import { ANNOUNCE_TYPES } from '../../lib/model/announce-types';
import { builderQuery } from '../../lib/preview/builder-query';
import { CategoryPicker, type PickerCategory } from './category-picker';

export type BuilderValues = {
  categories: string[];
  keywords: string;
  exclude: string;
  authors: string;
  min_score: number;
  types: string[];
  language: string;
  days: number;
  limit: number;
};

const TYPE_HELP: Record<string, string> = {
  new: 'new submissions',
  cross: 'cross-lists from other categories',
  replace: 'new versions',
  'replace-cross': 'new versions of cross-lists',
};

/** Long enough to not re-render on every keystroke, short enough to feel live. */
const DEBOUNCE_MS = 450;

export function BuilderForm({
  categories,
  values,
  token,
  defaultLanguage,
}: {
  categories: PickerCategory[];
  values: BuilderValues;
  token: string | null;
  defaultLanguage: string;
}) {
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

  return (
    <form
      className="panel builder"
      method="get"
      action="/"
      aria-labelledby="builder-heading"
      onInput={(e) => schedule(e.currentTarget)}
      onChange={(e) => schedule(e.currentTarget)}
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        update(e.currentTarget);
      }}
    >
      <h2 id="builder-heading">Build a feed</h2>
      {token && <input type="hidden" name="profile" value={token} />}
      <CategoryPicker categories={categories} selected={values.categories} />

      <label htmlFor="f-q">Keywords</label>
      <textarea
        id="f-q"
        name="q"
        rows={3}
        defaultValue={values.keywords}
        placeholder='LLM, "kv cache", quantization'
        aria-describedby="f-q-help"
      />
      <p id="f-q-help" className="help">Comma-separated; quote a phrase to match it exactly. Papers are ranked by these.</p>

      <label htmlFor="f-exclude">Exclude</label>
      <input id="f-exclude" name="exclude" type="text" defaultValue={values.exclude} placeholder="survey, tutorial" />

      <label htmlFor="f-authors">Authors</label>
      <input id="f-authors" name="authors" type="text" defaultValue={values.authors} placeholder="Yoshua Bengio, Fei-Fei Li" />

      <fieldset className="types">
        <legend>Announcement types</legend>
        {ANNOUNCE_TYPES.map((t) => (
          <label key={t} className="inline">
            <input type="checkbox" name="types" value={t} defaultChecked={values.types.includes(t)} /> {t}
            <span className="muted"> ({TYPE_HELP[t]})</span>
          </label>
        ))}
      </fieldset>

      <div className="numbers">
        <div>
          <label htmlFor="f-min">Min score</label>
          <input id="f-min" name="min_score" type="number" min={0} max={1000} step={0.5} defaultValue={values.min_score} />
        </div>
        <div>
          <label htmlFor="f-days">Days</label>
          <input id="f-days" name="days" type="number" min={1} max={30} step={1} defaultValue={values.days} />
        </div>
        <div>
          <label htmlFor="f-limit">Limit</label>
          <input id="f-limit" name="limit" type="number" min={1} max={500} step={1} defaultValue={values.limit} />
        </div>
      </div>

      <label htmlFor="f-language">Summary language</label>
      <input
        id="f-language"
        name="language"
        type="text"
        list="languages"
        defaultValue={values.language}
        placeholder={defaultLanguage}
        aria-describedby="f-language-help"
        autoComplete="off"
      />
      <datalist id="languages">
        {['en', 'zh', 'es', 'fr', 'de', 'ja', 'ko', 'pt-BR', 'ru'].map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <p id="f-language-help" className="help">
        A language tag like en, zh or pt-BR (default {defaultLanguage}).
      </p>

      <div className="form-actions">
        <button type="submit">Update preview</button>
        <span className="muted" aria-live="polite">
          {pending ? 'Updating…' : ''}
        </span>
      </div>
    </form>
  );
}
