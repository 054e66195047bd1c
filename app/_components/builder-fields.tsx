/**
 * The builder form's fields below the category picker. Every field is named like the
 * `/api/feed` parameter it sets and starts from the value the page was rendered for.
 */
import { ANNOUNCE_TYPES } from '../../lib/model/announce-types';
import { DIGEST_PERIODS, type DigestPeriod } from '../../lib/model/digest-period';
import digestStyles from './digest-field.module.css';

const TYPE_HELP: Record<string, string> = {
  new: 'new submissions',
  cross: 'cross-lists from other categories',
  replace: 'new versions',
  'replace-cross': 'new versions of cross-lists',
};

const SUGGESTED_LANGUAGES = ['en', 'zh', 'es', 'fr', 'de', 'ja', 'ko', 'pt-BR', 'ru'];

export function TermFields({ keywords, exclude, authors }: { keywords: string; exclude: string; authors: string }) {
  return (
    <>
      <label htmlFor="f-q">Keywords</label>
      <textarea
        id="f-q"
        name="q"
        rows={3}
        defaultValue={keywords}
        placeholder='LLM, "kv cache", quantization'
        aria-describedby="f-q-help"
      />
      <p id="f-q-help" className="help">Comma-separated; quote a phrase to match it exactly. Papers are ranked by these.</p>

      <label htmlFor="f-exclude">Exclude</label>
      <input id="f-exclude" name="exclude" type="text" defaultValue={exclude} placeholder="survey, tutorial" />

      <label htmlFor="f-authors">Authors</label>
      <input id="f-authors" name="authors" type="text" defaultValue={authors} placeholder="Yoshua Bengio, Fei-Fei Li" />
    </>
  );
}

export function TypeFields({ selected }: { selected: string[] }) {
  return (
    <fieldset className="types">
      <legend>Announcement types</legend>
      {ANNOUNCE_TYPES.map((t) => (
        <label key={t} className="inline">
          <input type="checkbox" name="types" value={t} defaultChecked={selected.includes(t)} /> {t}
          <span className="muted"> ({TYPE_HELP[t]})</span>
        </label>
      ))}
    </fieldset>
  );
}

export function NumberFields({ minScore, days, limit }: { minScore: number; days: number; limit?: number }) {
  return (
    <div className="numbers">
      <div>
        <label htmlFor="f-min">Min score</label>
        <input id="f-min" name="min_score" type="number" min={0} max={1000} step={0.5} defaultValue={minScore} />
      </div>
      <div>
        <label htmlFor="f-days">Days</label>
        <input id="f-days" name="days" type="number" min={1} max={30} step={1} defaultValue={days} />
      </div>
      <div>
        <label htmlFor="f-limit">Limit</label>
        <input id="f-limit" name="limit" type="number" min={1} max={500} step={1} defaultValue={limit ?? ''} placeholder="auto" title="Empty: 50 when ranked by keywords or authors, else every paper of the window (up to 500)" />
      </div>
    </div>
  );
}

export function LanguageField({ language, defaultLanguage }: { language: string; defaultLanguage: string }) {
  return (
    <>
      <label htmlFor="f-language">Summary language</label>
      <input
        id="f-language"
        name="language"
        type="text"
        list="languages"
        defaultValue={language}
        placeholder={defaultLanguage}
        aria-describedby="f-language-help"
        autoComplete="off"
      />
      <datalist id="languages">
        {SUGGESTED_LANGUAGES.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <p id="f-language-help" className="help">
        A language tag like en, zh or pt-BR (default {defaultLanguage}).
      </p>
    </>
  );
}

const DIGEST_LABEL: Record<DigestPeriod, string> = { daily: 'One item per day (daily digest)', weekly: 'One item per week (weekly digest)' };

/** `digest`: one feed item per paper (empty), per announcement day or per week. */
export function DigestField({ digest }: { digest: string }) {
  return (
    <>
      <label htmlFor="f-digest">Feed items</label>
      <select id="f-digest" name="digest" className={digestStyles.select} defaultValue={digest} aria-describedby="f-digest-help">
        <option value="">One item per paper</option>
        {DIGEST_PERIODS.map((p) => (
          <option key={p} value={p}>
            {DIGEST_LABEL[p]}
          </option>
        ))}
      </select>
      <p id="f-digest-help" className="help">
        A digest lists each day&apos;s (or week&apos;s) papers in one item, best first; Limit then counts papers per item and Days counts items.
      </p>
    </>
  );
}
