/**
 * Relevance scoring that explains itself. Keeps the seed bot's familiar scale: each
 * keyword found counts once, +1 when in the title or abstract and +0.5 more when in the title;
 * each author found +2; a category boost adds its points. An exclude term removes the paper
 * whatever its score. Matching rules: compile-term.ts.
 *
 * Pure functions, no I/O. For many profiles over one window, compile each profile once
 * (`compileRules`) and call `rankWith`; papers are indexed once and shared (index-paper.ts).
 */
import type { Paper } from '../model/paper';
import type { Profile } from '../model/profile';
import { compileAuthor, compileTerm, type CompiledAuthor, type CompiledTerm } from './compile-term';
import { IN_TITLE, indexPaper, type PaperIndex } from './index-paper';
import { vocabularyGeneration } from './vocabulary';

export type Match = {
  term: string;
  /** Keyword rules: title, abstract, author, category. Learned (lib/score/learned): similar to a liked paper, the liked paper itself, disliked. */
  where: 'title' | 'abstract' | 'author' | 'category' | 'similar' | 'liked' | 'disliked';
  points: number;
  /** The liked or disliked paper a learned match refers to (its title is `term`). */
  id?: string;
};
export type ScoredPaper = { paper: Paper; score: number; matches: Match[] };
export type RankRules = Pick<Profile, 'keywords' | 'exclude' | 'authors' | 'min_score' | 'limit'> & {
  /** Extra points when a paper is in one of these categories (category → points). An archive (`cs`) boosts all its categories. */
  categoryBoost?: Record<string, number>;
};

/** What a ranking left out, so a feed can say how much it is not showing. */
export type RankTally = {
  /** Papers an exclude term removed. */
  excluded: number;
  /** Papers that scored below `min_score`. */
  belowMinScore: number;
  /** Papers that passed both; those beyond `limit` of them were cut. */
  passed: number;
};

export const emptyTally = (): RankTally => ({ excluded: 0, belowMinScore: 0, passed: 0 });

/** Points from outside the rules (a profile's learned model), added to a paper no exclude term removed. */
export type ExtraScore = {
  /** Each paper's points (may be negative), aligned with `papers`; called once per ranking. */
  pointsFor(papers: readonly Paper[]): ArrayLike<number>;
  /** Papers shown whatever `min_score` says. */
  keeps(paper: Paper): boolean;
  /** The matches behind a paper's points. */
  explain(paper: Paper): Match[];
};

/** Points for a keyword found in the title or the abstract (the seed's +1). */
export const KEYWORD_POINTS = 1;
/** Extra points when that keyword is in the title (the seed's +0.5). */
export const TITLE_BONUS_POINTS = 0.5;
/** Points for each `authors` term found among the paper's authors. */
export const AUTHOR_POINTS = 2;

export type CompiledRules = {
  /** Word ids are only valid within one vocabulary generation (vocabulary.ts). */
  generation: number;
  source: RankRules;
  keywords: CompiledTerm[];
  exclude: CompiledTerm[];
  authors: CompiledAuthor[];
  boosts: [category: string, points: number][];
  minScore: number;
  limit: number;
};

const uniqueBy = <T extends { key: string }>(items: (T | null)[]): T[] => {
  const seen = new Set<string>();
  return items.filter((t): t is T => t !== null && !seen.has(t.key) && (seen.add(t.key), true));
};

/** A term written twice in any case counts once, under its first spelling (`Training`, `TRAINING`). */
function distinct(terms: string[]): string[] {
  const seen = new Set<string>();
  return terms.map((t) => t.trim()).filter((t) => !seen.has(t.toLowerCase()) && (seen.add(t.toLowerCase()), true));
}

/** Compiles a profile's terms once; reuse the result for every window it scores. */
export function compileRules(rules: RankRules): CompiledRules {
  return {
    generation: vocabularyGeneration(),
    source: rules,
    keywords: uniqueBy(distinct(rules.keywords).map(compileTerm)),
    exclude: uniqueBy(distinct(rules.exclude).map(compileTerm)),
    authors: uniqueBy(distinct(rules.authors).map(compileAuthor)),
    boosts: Object.entries(rules.categoryBoost ?? {}).filter(([, points]) => points !== 0),
    minScore: rules.min_score,
    // Unset keeps every paper: how many a feed shows is the caller's policy (lib/select).
    limit: rules.limit ?? Number.POSITIVE_INFINITY,
  };
}

const inCategory = (paper: Paper, boosted: string) =>
  paper.categories.some((c) => c === boosted || (!boosted.includes('.') && c.startsWith(`${boosted}.`)));

/**
 * Score of one paper, or -1 when an exclude term matches. With `explain`, pushes one Match per
 * term that counted: scoring and explanation are the same code path, so they cannot disagree.
 */
export function scorePaper(rules: CompiledRules, paper: Paper, index: PaperIndex = indexPaper(paper), explain?: Match[]): number {
  for (const term of rules.exclude) if (term.fieldsIn(index)) return -1;
  let score = 0;
  for (const term of rules.keywords) {
    const fields = term.fieldsIn(index);
    if (!fields) continue;
    const points = fields & IN_TITLE ? KEYWORD_POINTS + TITLE_BONUS_POINTS : KEYWORD_POINTS;
    score += points;
    explain?.push({ term: term.label, where: fields & IN_TITLE ? 'title' : 'abstract', points });
  }
  for (const author of rules.authors) {
    if (!author.matches(index)) continue;
    score += AUTHOR_POINTS;
    explain?.push({ term: author.label, where: 'author', points: AUTHOR_POINTS });
  }
  for (const [category, points] of rules.boosts) {
    if (!inCategory(paper, category)) continue;
    score += points;
    explain?.push({ term: category, where: 'category', points });
  }
  return score;
}

/** Explains one paper under a profile (score and matched terms), or null when excluded. */
export function explainPaper(rules: CompiledRules, paper: Paper): ScoredPaper | null {
  const matches: Match[] = [];
  const score = scorePaper(rules, paper, indexPaper(paper), matches);
  return score < 0 ? null : { paper, score, matches };
}

/** The rules' score plus the extra points, or null when an exclude term removes the paper. */
function totalScore(rules: CompiledRules, paper: Paper, extraPoints = 0): number | null {
  const score = scorePaper(rules, paper);
  return score < 0 ? null : score + extraPoints;
}

/** A kept paper's explanation with its extra matches, under the very total it was ranked by. */
const withExtra = (scored: ScoredPaper, total: number, extra?: ExtraScore): ScoredPaper =>
  extra ? { ...scored, score: total, matches: [...scored.matches, ...extra.explain(scored.paper)] } : scored;

/** `min_score` 0 is no threshold: a paper a dislike took below zero sinks to the end, it is not hidden. */
const belowMinScore = (rules: CompiledRules, score: number, paper: Paper, extra?: ExtraScore) =>
  rules.minScore > 0 && score < rules.minScore && !extra?.keeps(paper);

/**
 * Feed order: score, then announcement day (newest first), then id descending (within a day, the
 * higher arXiv number was submitted later). Negative when `a` ranks first.
 */
export function compareRanked(aScore: number, a: Paper, bScore: number, b: Paper): number {
  if (aScore !== bScore) return bScore - aScore;
  if (a.announced !== b.announced) return a.announced < b.announced ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Ranks with precompiled rules. Keeps the best `limit` in a bounded heap (no sort of the whole
 * window, no allocation per rejected paper) and builds explanations only for those kept.
 * With `tally`, counts what was left out on the way; `extra` adds learned points.
 */
export function rankWith(compiled: CompiledRules, papers: readonly Paper[], tally?: RankTally, extra?: ExtraScore): ScoredPaper[] {
  const rules = compiled.generation === vocabularyGeneration() ? compiled : compileRules(compiled.source);
  const heapPapers: Paper[] = [];
  const heapScores: number[] = [];
  // heap root = the worst kept paper; `worse(i, j)` is true when slot i ranks below slot j
  const worse = (i: number, j: number) => compareRanked(heapScores[i]!, heapPapers[i]!, heapScores[j]!, heapPapers[j]!) > 0;
  const swap = (i: number, j: number) => {
    [heapPapers[i], heapPapers[j]] = [heapPapers[j]!, heapPapers[i]!];
    [heapScores[i], heapScores[j]] = [heapScores[j]!, heapScores[i]!];
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heapPapers.length && worse(l, top)) top = l;
      if (r < heapPapers.length && worse(r, top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  const limit = rules.limit;
  const extraPoints = extra?.pointsFor(papers);
  for (let p = 0; p < papers.length; p++) {
    const paper = papers[p]!;
    const score = totalScore(rules, paper, extraPoints?.[p]);
    if (score === null || belowMinScore(rules, score, paper, extra)) {
      if (tally) tally[score === null ? 'excluded' : 'belowMinScore']++;
      continue;
    }
    if (tally) tally.passed++;
    if (heapPapers.length < limit) {
      heapPapers.push(paper);
      heapScores.push(score);
      for (let i = heapPapers.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (limit > 0 && score >= heapScores[0]! && compareRanked(score, paper, heapScores[0]!, heapPapers[0]!) < 0) {
      heapPapers[0] = paper;
      heapScores[0] = score;
      siftDown(0);
    }
  }
  return heapPapers
    .map((paper, i) => withExtra(explainPaper(rules, paper)!, heapScores[i]!, extra))
    .sort((a, b) => compareRanked(a.score, a.paper, b.score, b.paper));
}

/** Scores, drops excluded and below-threshold papers, orders by score then date then id, keeps `limit`. */
export function rankPapers(papers: Paper[], rules: RankRules, tally?: RankTally, extra?: ExtraScore): ScoredPaper[] {
  return rankWith(compileRules(rules), papers, tally, extra);
}
