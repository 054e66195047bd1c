/**
 * A profile's learned points with embeddings on: a paper its embedding record lists gets the
 * record's points (embedding-points.ts), any other paper the text model's (score-learned.ts), so
 * papers announced since the record was computed are still ranked. A liked paper itself gets the
 * full like points and a disliked one the full penalty, whichever model speaks for it.
 */
import type { Paper } from '../../model/paper';
import type { Match } from '../rank-papers';
import { isCurrent, type ProfileEmbedding } from './embedding-model';
import { DISLIKE_MAX_POINTS, LIKE_MAX_POINTS } from './learned-model';
import type { LearnedScorer } from './score-learned';

type Feedback = { liked: readonly string[]; disliked: readonly string[] };

const refOf = (p: Pick<Paper, 'id' | 'version'>) => `${p.id}v${p.version}`;

function explainEmbedded(record: ProfileEmbedding, paper: Paper, points: number, at: number, liked: Set<string>, disliked: Set<string>): Match[] {
  if (liked.has(paper.id)) return [{ where: 'liked', term: paper.title, id: paper.id, points: LIKE_MAX_POINTS }];
  if (disliked.has(paper.id)) return [{ where: 'disliked', term: paper.title, id: paper.id, points: -DISLIKE_MAX_POINTS }];
  if (points === 0) return [];
  const near = record.feedback[record.papers.nearest[at] ?? -1];
  if (points > 0) return [near ? { where: 'similar', term: near.title, id: near.id, points } : { where: 'similar', term: 'your liked papers', points }];
  return [near ? { where: 'disliked', term: near.title, id: near.id, points } : { where: 'disliked', term: 'your disliked papers', points }];
}

/** The text scorer, with the record's points wherever it has them; the text scorer alone when the record is stale or missing. */
export function withEmbeddingPoints(text: LearnedScorer | null, record: ProfileEmbedding | null, feedback: Feedback): LearnedScorer | null {
  if (!text || !isCurrent(record, feedback)) return text;
  const liked = new Set(feedback.liked);
  const disliked = new Set(feedback.disliked);
  const index = new Map(record.papers.refs.map((ref, i) => [ref, i]));
  const pointsOf = (paper: Paper, at: number) =>
    liked.has(paper.id) ? LIKE_MAX_POINTS : disliked.has(paper.id) ? -DISLIKE_MAX_POINTS : record.papers.points[at]!;
  return {
    pointsFor(papers) {
      const ats = papers.map((p) => index.get(refOf(p)));
      // The text model only scores what the record leaves out (its cost is per paper).
      const rest = papers.filter((_, i) => ats[i] === undefined);
      const restPoints = rest.length ? text.pointsFor(rest) : [];
      let r = 0;
      return Float64Array.from(papers, (p, i) => (ats[i] === undefined ? restPoints[r++]! : pointsOf(p, ats[i]!)));
    },
    keeps: (paper) => liked.has(paper.id),
    explain(paper) {
      const at = index.get(refOf(paper));
      return at === undefined ? text.explain(paper) : explainEmbedded(record, paper, pointsOf(paper, at), at, liked, disliked);
    },
  };
}
