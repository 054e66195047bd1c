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
import { archiveHref } from '../lib/preview/day-archive';
import type { PreviewModel } from '../lib/preview/load-preview';
import { PAGE_SIZE } from '../lib/preview/paginate';
import { BuilderForm } from './_components/builder-form';
import { FeedLinksPanel } from './_components/feed-links-panel';
import { NoticeList } from './_components/notice-list';
import { LearnedPanel } from './_components/learned-panel';
import { CardList } from './_components/card-list';
import type { CardFeedback } from './_components/paper-card';
import { getPreview, toQuery, type SearchParams } from './_components/preview-data';
import { ProfileActions } from './_components/profile-actions';
import { StatusPanel } from './_components/status-panel';
import { Unavailable } from './_components/unavailable-notice';

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
    digest: p.digest ?? '',
  };
}

function PageNav({ cards }: { cards: PreviewModel['cards'] }) {
  if (cards.pages === 1) return null;
  const next = Math.min(PAGE_SIZE, cards.total - cards.offset - cards.items.length);
  return (
    <nav className="page-nav" aria-label="More papers">
      {cards.prevHref && (
        <a href={cards.prevHref} rel="prev">
          ← Previous {PAGE_SIZE} papers
        </a>
      )}
      {cards.nextHref && (
        <a href={cards.nextHref} rel="next">
          Next {next} papers →
        </a>
      )}
    </nav>
  );
}

/** On a saved profile's page, what a card's feedback buttons start from. */
function cardFeedback(model: PreviewModel, id: string): CardFeedback | null {
  if (!model.token || !model.feedback) return null;
  const { liked, disliked } = model.feedback;
  return { token: model.token, state: liked.some((p) => p.id === id) ? 'liked' : disliked.some((p) => p.id === id) ? 'disliked' : null };
}

function Papers({ model }: { model: PreviewModel }) {
  const { doc, cards } = model;
  if (!doc.items.length) {
    const why = doc.days.length
      ? 'No paper of the shown days matches this selection. Try fewer keywords, a lower min score, more days or more types.'
      : 'Nothing is stored for these categories yet.';
    return <p className="empty">{why}</p>;
  }
  return (
    <>
      <CardList cards={cards} ranked={model.ranked} feedbackFor={(item) => cardFeedback(model, item.paper.id)} />
      <PageNav cards={cards} />
    </>
  );
}

/**
 * The builder and the feed URLs. On a phone they wait behind "Build your feed" at the top of the
 * page (a `<details>`, so no JavaScript is needed); on a wide screen the stylesheet keeps the
 * panel open beside the papers and hides the toggle.
 */
function BuilderDrawer({ model }: { model: PreviewModel }) {
  return (
    <details className="builder-drawer" id="builder">
      <summary className="builder-toggle">
        Build your feed <span className="muted">categories, keywords, feed URLs</span>
      </summary>
      <div className="sidebar">
        <BuilderForm categories={PICKER_CATEGORIES} values={builderValues(model)} token={model.token} defaultLanguage={getEnv().SUMMARY_LANGUAGE} />
        <FeedLinksPanel links={model.links} saved={model.linksAreSecret} />
        <ProfileActions profile={model.profile} token={model.token} />
        {model.token && model.feedback && <LearnedPanel token={model.token} panel={model.feedback} />}
      </div>
    </details>
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
      <BuilderDrawer model={model} />
      <section id="papers" className="results" aria-labelledby="results-heading">
        <NoticeList notices={[...inputNotices, ...model.notices, ...feedNotices]} />
        <StatusPanel model={model} />
        <p className="day-archive-link">
          <a href={archiveHref(model, toQuery(await searchParams), new Date())}>Earlier days: the day archive →</a>
        </p>
        <h2 id="results-heading" className="results-heading">
          {model.doc.title}
        </h2>
        <Papers model={model} />
      </section>
    </main>
  );
}
