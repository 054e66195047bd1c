/**
 * How our scoring ranks the seed bot's papers against the seed's own scores (`npm run
 * compare-seed`). The seed scored +1 per keyword found as a *substring* of the
 * lower-cased title+abstract and +0.5 more in the title; `seedSubstringScore` re-implements that
 * rule so a difference can be told apart from the snapshot's truncated abstracts, and
 * `explainDifference` names the reason per keyword ("RL" inside "world").
 */
import type { Paper } from '../../lib/model/paper';
import { compileTerm } from '../../lib/score/compile-term';
import { foldText, splitWords } from '../../lib/score/fold-text';
import { compileRules, explainPaper } from '../../lib/score/rank-papers';
import { indexPaper, IN_TITLE } from '../../lib/score/index-paper';

export type SeedPaper = {
  rank: number;
  id: string;
  title: string;
  authors: string[];
  primary_category: string;
  published: string;
  announce_type: string;
  reference_score: number;
  abstract_snippet: string;
};
export type SeedSnapshot = { last_updated: string; keywords: string[]; exclude_keywords: string[]; papers: SeedPaper[] };

export function seedPaperToPaper(p: SeedPaper): Paper {
  return {
    id: p.id.replace(/v\d+$/, ''),
    version: Number(/v(\d+)$/.exec(p.id)?.[1] ?? 1),
    title: p.title,
    abstract: p.abstract_snippet,
    authors: p.authors,
    categories: [p.primary_category],
    announceType: 'new',
    announced: p.published,
    firstAnnounced: p.published,
  };
}

/** The seed's rule: substring of the lower-cased text, +1, +0.5 more in the title; exclude → null. */
export function seedSubstringScore(paper: Pick<Paper, 'title' | 'abstract'>, keywords: string[], exclude: string[]): number | null {
  const title = paper.title.toLowerCase();
  const all = `${title} ${paper.abstract.toLowerCase()}`;
  if (exclude.some((k) => all.includes(k.toLowerCase()))) return null;
  let score = 0;
  for (const k of new Set(keywords.map((k) => k.toLowerCase()))) {
    if (all.includes(k)) score += title.includes(k) ? 1.5 : 1;
  }
  return score;
}

/** Ranks 1..n with ties sharing their average rank (for Spearman). Higher value = rank 1. */
function averageRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

function pearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Spearman's rho with average ranks for ties. */
export const spearman = (x: number[], y: number[]) => pearson(averageRanks(x), averageRanks(y));

/** Kendall's tau-b (ties in either variable accounted for). */
export function kendallTauB(x: number[], y: number[]): number {
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denom ? (concordant - discordant) / denom : NaN;
}

/** The word of `text` that contains `needle` without being it (`rl` → `world`), if any. */
function hostWord(text: string, needle: string): string | undefined {
  const n = needle.toLowerCase();
  return splitWords(foldText(text)).find((w) => w.includes(n) && w !== n) ?? text.toLowerCase().split(/\s+/).find((w) => w.includes(n));
}

export type Difference = { reasons: string[]; seedHits: number; lostHits: number; gainedHits: number };

/** One line per keyword on which the two rules disagree for this paper, and hit counts. */
export function explainDifference(paper: Paper, keywords: string[]): Difference {
  const reasons: string[] = [];
  let seedHits = 0;
  let lostHits = 0;
  let gainedHits = 0;
  const index = indexPaper(paper);
  const title = paper.title.toLowerCase();
  const all = `${title} ${paper.abstract.toLowerCase()}`;
  const seen = new Set<string>();
  for (const keyword of keywords) {
    const lower = keyword.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    const term = compileTerm(keyword);
    const ours = term ? term.fieldsIn(index) : 0;
    const seedHit = all.includes(lower);
    if (seedHit) seedHits++;
    if (seedHit && !ours) lostHits++;
    if (!seedHit && ours) gainedHits++;
    if (seedHit && !ours) reasons.push(`"${keyword}" only inside "${hostWord(`${paper.title} ${paper.abstract}`, lower) ?? '?'}" (seed +${title.includes(lower) ? 1.5 : 1})`);
    else if (!seedHit && ours) reasons.push(`"${keyword}" as a whole word/inflection the seed's substring missed (+${ours & IN_TITLE ? 1.5 : 1})`);
    else if (seedHit && ours && title.includes(lower) !== Boolean(ours & IN_TITLE))
      reasons.push(`"${keyword}" ${title.includes(lower) ? 'in the title only inside a longer word' : 'in the title only as an inflection'} (title bonus ${title.includes(lower) ? 'lost' : 'gained'})`);
  }
  return { reasons, seedHits, lostHits, gainedHits };
}

export type PaperComparison = {
  id: string;
  title: string;
  seedRank: number;
  seedScore: number;
  /** The seed's rule re-applied to the snapshot's (truncated) text. */
  substringScore: number | null;
  /** Ours, on the same text; null when an exclude term removes it. */
  ourScore: number | null;
  /**
   * The seed's full-text score moved by the difference the rules make on the visible text
   * (`seedScore + ourScore - substringScore`): the snapshot's abstracts are cut at ~300
   * characters, so this isolates the rule change from the truncation.
   */
  adjustedScore: number | null;
  /** Rank by adjustedScore within the snapshot (ties keep the seed's order). */
  ourRank: number;
  matched: string[];
} & Difference;
export type SnapshotComparison = {
  snapshot: string;
  papers: PaperComparison[];
  /** Spearman / Kendall tau-b between the seed's scores and our adjusted scores (excluded papers count as -1). */
  spearman: number;
  kendall: number;
  /** Spearman between the seed's rule and ours, both on the truncated snippets. */
  spearmanSameText: number;
  /** Spearman between the seed's full-text scores and ours on the snippets (truncation included). */
  spearmanRaw: number;
};

export function compareSnapshot(snapshot: SeedSnapshot): SnapshotComparison {
  const rules = compileRules({ keywords: snapshot.keywords, exclude: snapshot.exclude_keywords, authors: [], min_score: 0, limit: 1000 });
  const rows: PaperComparison[] = snapshot.papers.map((sp) => {
    const paper = seedPaperToPaper(sp);
    const explained = explainPaper(rules, paper);
    const substringScore = seedSubstringScore(paper, snapshot.keywords, snapshot.exclude_keywords);
    const ourScore = explained?.score ?? null;
    return {
      id: paper.id,
      title: paper.title,
      seedRank: sp.rank,
      seedScore: sp.reference_score,
      substringScore,
      ourScore,
      adjustedScore: ourScore === null ? null : sp.reference_score + ourScore - (substringScore ?? 0),
      ourRank: 0,
      matched: explained?.matches.map((m) => `${m.term}@${m.where}`) ?? [],
      ...explainDifference(paper, snapshot.keywords),
    };
  });
  // our order: adjusted score, then the seed's rank as the tie-break (all papers share one day)
  [...rows]
    .sort((a, b) => (b.adjustedScore ?? -1) - (a.adjustedScore ?? -1) || a.seedRank - b.seedRank)
    .forEach((r, i) => (r.ourRank = i + 1));
  return { snapshot: snapshot.last_updated, papers: rows, ...correlations(rows) };
}

function correlations(rows: PaperComparison[]) {
  const seed = rows.map((r) => r.seedScore);
  const adjusted = rows.map((r) => r.adjustedScore ?? -1);
  const ours = rows.map((r) => r.ourScore ?? -1);
  return {
    spearman: spearman(seed, adjusted),
    kendall: kendallTauB(seed, adjusted),
    spearmanSameText: spearman(rows.map((r) => r.substringScore ?? -1), ours),
    spearmanRaw: spearman(seed, ours),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Overall figures pool every snapshot's papers (each snapshot ranks its own 30). */
export function compareAll(snapshots: SeedSnapshot[]) {
  const perSnapshot = snapshots.map(compareSnapshot);
  const all = perSnapshot.flatMap((s) => s.papers);
  const movers = [...all].sort((a, b) => Math.abs(b.ourRank - b.seedRank) - Math.abs(a.ourRank - a.seedRank) || a.seedRank - b.seedRank);
  return {
    perSnapshot,
    overall: {
      papers: all.length,
      ...correlations(all),
      unchangedTop10: perSnapshot.map((s) => s.papers.filter((p) => p.seedRank <= 10 && p.ourRank <= 10).length),
      seedHits: sum(all.map((p) => p.seedHits)),
      lostHits: sum(all.map((p) => p.lostHits)),
      gainedHits: sum(all.map((p) => p.gainedHits)),
      excluded: all.filter((p) => p.ourScore === null).length,
      scoreChanged: all.filter((p) => p.ourScore !== p.substringScore).length,
    },
    movers,
  };
}
