/**
 * The papers of an archived day, as the preview's cards, a page at a time; and what the page says
 * instead when the store holds no announcement for the day.
 */
import { MAX_DAYS_KEPT } from '../../../lib/store/keys';
import { dayPath, type DayArchive } from '../../../lib/preview/day-archive';
import { formatDay } from '../../../lib/preview/page-notices';
import { CardList } from '../../_components/card-list';

/** Why there is nothing to show, in the reader's words. */
export function missingText({ day, missing, model }: DayArchive): string {
  const when = formatDay(day);
  const cats = model.profile.categories.join(', ');
  if (missing === 'future') return `${when} has not been announced yet.`;
  if (missing === 'weekend') return `arXiv does not announce on weekends: there is no announcement for ${when}.`;
  return `No announcement of ${when} is stored for ${cats}: arXiv may not have announced that day (a holiday), or it is from before the first ingest or older than the ${MAX_DAYS_KEPT} days the store keeps.`;
}

/** Page `page` of this day: the day's own link plus `page`. */
function pageOfDay(query: URLSearchParams, day: string, page: number): string {
  const href = dayPath(query, day);
  if (page === 1) return href;
  return `${href}${href.includes('?') ? '&' : '?'}${new URLSearchParams({ page: String(page) })}`;
}

export function ArchivePapers({ archive, query }: { archive: DayArchive; query: URLSearchParams }) {
  const { cards, ranked, doc } = archive.model;
  if (!doc.items.length) return <p className="empty">No paper of this day matches this selection.</p>;
  return (
    <>
      <CardList cards={cards} ranked={ranked} />
      {cards.pages > 1 && (
        <nav className="page-nav" aria-label="More papers of this day">
          {cards.prevHref && (
            <a href={pageOfDay(query, archive.day, cards.page - 1)} rel="prev">
              ← Previous papers
            </a>
          )}
          {cards.nextHref && (
            <a href={pageOfDay(query, archive.day, cards.page + 1)} rel="next">
              Next papers →
            </a>
          )}
        </nav>
      )}
    </>
  );
}
