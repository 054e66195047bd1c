/**
 * CONTRACT STUB — replaced by the scoring work (issue 3). Keep these exported names and types.
 */
import type { Paper } from '../model/paper';
import type { Profile } from '../model/profile';

export type Match = { term: string; where: 'title' | 'abstract' | 'author' | 'category'; points: number };
export type ScoredPaper = { paper: Paper; score: number; matches: Match[] };
export type RankRules = Pick<Profile, 'keywords' | 'exclude' | 'authors' | 'min_score' | 'limit'> & {
  /** Extra points when a paper is in one of these categories (category → points). */
  categoryBoost?: Record<string, number>;
};

/** Scores, drops excluded and below-threshold papers, orders by score then date, keeps `limit`. */
export function rankPapers(papers: Paper[], rules: RankRules): ScoredPaper[] {
  return papers
    .map((paper) => ({ paper, score: 0, matches: [] as Match[] }))
    .filter((s) => s.score >= rules.min_score)
    .sort((a, b) => b.score - a.score || b.paper.announced.localeCompare(a.paper.announced) || a.paper.id.localeCompare(b.paper.id))
    .slice(0, rules.limit);
}
