/** One page of cards, numbered by rank, with the "Papers a–b of n" line when there are several pages. */
import type { PreviewModel } from '../../lib/preview/load-preview';
import { PaperCard, type CardFeedback } from './paper-card';

type Cards = PreviewModel['cards'];
type CardItem = Cards['items'][number];

export function CardList({ cards, ranked, feedbackFor }: { cards: Cards; ranked: boolean; feedbackFor?: (item: CardItem) => CardFeedback | null }) {
  return (
    <>
      {cards.pages > 1 && (
        <p className="page-range">
          Papers {cards.offset + 1}–{cards.offset + cards.items.length} of {cards.total} (page {cards.page} of {cards.pages})
        </p>
      )}
      <ol className="papers" start={cards.offset + 1}>
        {cards.items.map((item, i) => (
          <PaperCard key={item.paper.id} item={item} rank={cards.offset + i + 1} ranked={ranked} feedback={feedbackFor?.(item) ?? null} />
        ))}
      </ol>
    </>
  );
}
