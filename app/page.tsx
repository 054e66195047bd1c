/**
 * `/`: today's papers for the default profile (or the builder's selection, or a saved profile via
 * `?profile=<token>`), rendered on the server from the same lib functions as the feeds.
 */
import type { Metadata } from 'next';
import { CATEGORIES } from '../lib/model/taxonomy';
import { EnvError, getEnv } from '../lib/env';
import { StoreUnavailableError } from '../lib/errors';
import { FEED_FORMATS } from '../lib/feed/feed-format';
import { ALTERNATE_TYPES } from '../lib/feed/feed-links';
import type { PreviewModel } from '../lib/preview/load-preview';
import { BuilderForm } from './_components/builder-form';
import { FeedLinksPanel } from './_components/feed-links-panel';
import { NoticeList } from './_components/notice-list';
import { PaperCard } from './_components/paper-card';
import { getPreview, toQuery, type SearchParams } from './_components/preview-data';
import { ProfileActions } from './_components/profile-actions';
import { StatusPanel } from './_components/status-panel';

export const dynamic = 'force-dynamic';

type PageProps = { searchParams: Promise<SearchParams> };

const FORMAT_TITLE = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' } as const;

async function tryPreview(searchParams: Promise<SearchParams>): Promise<PreviewModel | Error> {
  try {
    return await getPreview(toQuery(await searchParams).toString());
  } catch (err) {
    if (err instanceof StoreUnavailableError || err instanceof EnvError) return err;
    throw err;
  }
}

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const model = await tryPreview(searchParams);
  if (model instanceof Error) return {};
  const types = Object.fromEntries(
    FEED_FORMATS.map((f) => [ALTERNATE_TYPES[f], [{ url: model.links[f], title: `${model.doc.title} (${FORMAT_TITLE[f]})` }]]),
  );
  return { title: `${model.doc.title} · arxiv-feeds`, alternates: { types } };
}

const PICKER_CATEGORIES = CATEGORIES.map(({ id, name, group }) => ({ id, name, group }));

function builderValues(model: PreviewModel) {
  const p = model.profile;
  return {
    categories: p.categories,
    keywords: p.keywords.join(', '),
    exclude: p.exclude.join(', '),
    authors: p.authors.join(', '),
    min_score: p.min_score,
    types: p.types,
    language: p.language ?? '',
    days: p.days,
    limit: p.limit,
  };
}

function Unavailable({ error }: { error: Error }) {
  const text =
    error instanceof StoreUnavailableError
      ? 'The store is unreachable right now, so no papers can be shown. Try again in a minute.'
      : `This server is misconfigured: ${error.message}`;
  return (
    <main id="main" className="single">
      <p className="notice notice-error" role="alert">
        {text}
      </p>
    </main>
  );
}

function Papers({ model }: { model: PreviewModel }) {
  const { doc } = model;
  if (!doc.items.length) {
    const why = doc.days.length
      ? 'No paper of the shown days matches this selection. Try fewer keywords, a lower min score, more days or more types.'
      : 'Nothing is stored for these categories yet.';
    return <p className="empty">{why}</p>;
  }
  return (
    <ol className="papers">
      {doc.items.map((item, i) => (
        <PaperCard key={item.paper.id} item={item} rank={i + 1} />
      ))}
    </ol>
  );
}

export default async function Home({ searchParams }: PageProps) {
  const model = await tryPreview(searchParams);
  if (model instanceof Error) return <Unavailable error={model} />;
  const inputNotices = [
    ...(model.inputError ? [{ tone: 'error' as const, text: `${model.inputError.message}. Showing the default selection instead.` }] : []),
    ...(model.unknownToken ? [{ tone: 'warn' as const, text: 'That saved profile does not exist (it may have been deleted). Showing the default feed.' }] : []),
  ];
  const feedNotices = model.doc.notices.map((text) => ({ tone: 'info' as const, text }));
  return (
    <main id="main" className="layout">
      <section id="papers" className="results" aria-labelledby="results-heading">
        <NoticeList notices={[...inputNotices, ...model.notices, ...feedNotices]} />
        <StatusPanel model={model} />
        <p className="jump-to-builder">
          <a href="#builder-heading">Build your own feed ↓</a>
        </p>
        <h2 id="results-heading" className="results-heading">
          {model.doc.title}
        </h2>
        <Papers model={model} />
      </section>
      <div className="sidebar">
        <BuilderForm
          categories={PICKER_CATEGORIES}
          values={builderValues(model)}
          token={model.token}
          defaultLanguage={getEnv().SUMMARY_LANGUAGE}
        />
        <FeedLinksPanel links={model.links} saved={model.linksAreSecret} />
        <ProfileActions profile={model.profile} token={model.token} />
      </div>
    </main>
  );
}
