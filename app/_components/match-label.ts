/**
 * What a card's match chip says. Keyword matches are their term; learned ones (lib/score/learned)
 * carry a paper's title as their term, which read as a tag would look like a keyword: they say
 * what the title is to this paper instead, shortened, the whole title in the chip's tooltip.
 */
import type { Match } from '../../lib/score/rank-papers';

const MAX_TITLE_CHARS = 60;
const short = (title: string) => (title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…` : title);
const signed = (points: number) => (points < 0 ? `−${-points}` : `+${points}`);

/** `paperId`: the card's paper, which a liked or disliked match names when it is that paper itself. */
export function matchLabel(m: Match, paperId: string): { text: string; tooltip: string } {
  const points = signed(m.points);
  if (m.where === 'liked') return { text: 'you liked this', tooltip: `liked: ${points}` };
  if (m.where === 'similar') return { text: `like “${short(m.term)}”`, tooltip: `resembles ${m.term}: ${points}` };
  if (m.where === 'disliked' && m.id === paperId) return { text: 'you disliked this', tooltip: `disliked: ${points}` };
  if (m.where === 'disliked') return { text: `less like “${short(m.term)}”`, tooltip: `resembles ${m.term}, which you disliked: ${points}` };
  return { text: m.term.replace(/^"(.*)"$/, '$1'), tooltip: `${m.where}: ${points}` };
}
