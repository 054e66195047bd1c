'use client';
/**
 * The feed builder. A plain GET form to `/` whose fields are `/api/feed`'s parameters, so it works
 * without JavaScript (submit button); with JavaScript the page URL follows the form as the user
 * types (debounced `router.replace`), and the server re-renders the preview for the new query.
 */
import { DigestField, LanguageField, NumberFields, TermFields, TypeFields } from './builder-fields';
import { CategoryPicker, type PickerCategory } from './category-picker';
import { useBuilderUrl } from './use-builder-url';

export type BuilderValues = {
  categories: string[];
  keywords: string;
  exclude: string;
  authors: string;
  min_score: number;
  types: string[];
  language: string;
  days: number;
  /** Unset: 50 for a ranked feed, the whole window (up to 500) otherwise. */
  limit?: number;
  /** `daily`, `weekly`, or empty for one item per paper. */
  digest?: string;
};

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
  const { pending, schedule, submitNow } = useBuilderUrl();
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
        submitNow(e.currentTarget);
      }}
    >
      <h2 id="builder-heading">Build a feed</h2>
      {token && <input type="hidden" name="profile" value={token} />}
      <CategoryPicker categories={categories} selected={values.categories} />
      <TermFields keywords={values.keywords} exclude={values.exclude} authors={values.authors} />
      <TypeFields selected={values.types} />
      <NumberFields minScore={values.min_score} days={values.days} limit={values.limit} />
      <LanguageField language={values.language} defaultLanguage={defaultLanguage} />
      <DigestField digest={values.digest ?? ''} />
      <div className="form-actions">
        <button type="submit">Update preview</button>
        <span className="muted" aria-live="polite">
          {pending ? 'Updating…' : ''}
        </span>
      </div>
    </form>
  );
}
