/**
 * Realistic synthetic arXiv announcement items, built by repeating and varying the recorded papers
 * in seed-papers.json (arXiv metadata, CC0): real titles, author names and opening sentences,
 * abstracts lengthened to arXiv's usual ~1,200 characters with sentences of other recorded
 * abstracts, arXiv's mix of announce types, cross-lists, comments, DOIs and licences.
 * Deterministic (seeded); no imports from lib/, so the input cannot change when the code does.
 */
import { readFileSync } from 'node:fs';
import { createRng, type Rng } from './prng';

export type SeedPaper = { id: string; title: string; authors: string[]; primary: string; abstract: string };
export type SeedData = { keywords: string[]; exclude: string[]; papers: SeedPaper[] };

export const SEED: SeedData = JSON.parse(readFileSync(new URL('./seed-papers.json', import.meta.url), 'utf8'));

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';

/** One `<item>` of arXiv's RSS, before rendering. */
export type SyntheticItem = {
  id: string;
  version: number;
  title: string;
  abstract: string;
  authors: string[];
  /** Primary first. */
  categories: string[];
  announceType: AnnounceType;
  license: string;
  comments?: string;
  doi?: string;
  journalRef?: string;
};

export type DayMix = {
  /** Items in the day (all types). */
  items: number;
  /** Categories a `new` paper may have as primary, with weights. */
  primaries: readonly (readonly [category: string, weight: number])[];
  /** Categories cross-listed papers come from (primary outside `primaries`). */
  crossFrom: readonly string[];
  /** Shares of each announce type; the rest is `new`. */
  cross: number;
  replace: number;
  replaceCross: number;
};

/** The four busy cs categories the default deployment ingests (≈ 430 items a day). */
export const BUSY_CS_DAY: DayMix = {
  items: 430,
  primaries: [['cs.LG', 45], ['cs.CL', 25], ['cs.AI', 20], ['cs.DC', 10]],
  crossFrom: ['cs.CV', 'stat.ML', 'cs.RO', 'math.OC', 'cs.IR', 'eess.SP', 'cs.SE', 'cs.CR'],
  cross: 0.22,
  replace: 0.18,
  replaceCross: 0.05,
};

/** All archives in one request, shaped like arXiv's 1,504-item Thanksgiving-week day (926 new, 569 replaced). */
export const ALL_ARCHIVES_DAY: DayMix = {
  items: 1504,
  primaries: [
    ['cs.LG', 9], ['cs.CV', 8], ['cs.CL', 6], ['cs.AI', 4], ['cs.RO', 3], ['cs.CR', 2], ['cs.DC', 2], ['cs.SE', 2],
    ['math.OC', 3], ['math.PR', 2], ['math.AP', 2], ['math.CO', 2], ['math.NA', 2], ['quant-ph', 5], ['hep-th', 3],
    ['hep-ph', 3], ['gr-qc', 2], ['astro-ph.GA', 3], ['astro-ph.CO', 2], ['astro-ph.HE', 2], ['cond-mat.mtrl-sci', 3],
    ['cond-mat.str-el', 2], ['cond-mat.stat-mech', 2], ['physics.optics', 2], ['physics.flu-dyn', 2], ['eess.SP', 2],
    ['eess.SY', 2], ['stat.ML', 2], ['stat.ME', 2], ['q-bio.NC', 1], ['q-fin.ST', 1], ['econ.EM', 1], ['nlin.CD', 1],
    ['nucl-th', 1], ['math-ph', 1], ['hep-ex', 1],
  ],
  crossFrom: [],
  cross: 0.006,
  replace: 0.378,
  replaceCross: 0,
};

const LICENSES = [
  'http://creativecommons.org/licenses/by/4.0/',
  'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
  'http://creativecommons.org/licenses/by-nc-sa/4.0/',
  'http://creativecommons.org/licenses/by-sa/4.0/',
];
const TITLE_PREFIXES = ['Towards ', 'Revisiting ', 'On ', 'Scaling ', 'Rethinking ', 'Understanding ', ''];
const COMMENTS = ['12 pages, 5 figures', 'Accepted at NeurIPS 2025', '9 pages, 3 tables; code available', 'Preprint. Under review', '23 pages, 11 figures, 4 tables'];

/** Whole sentences of the recorded abstracts (their snippets end mid-word: that tail is dropped). */
const SENTENCES = SEED.papers.flatMap((p) =>
  p.abstract
    .split(/(?<=[.!?])\s+/)
    .slice(0, -1)
    .filter((s) => s.length > 40),
);
const AUTHORS = [...new Set(SEED.papers.flatMap((p) => p.authors))];

function weighted(rng: Rng, choices: DayMix['primaries']): string {
  const total = choices.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [c, w] of choices) if ((r -= w) < 0) return c;
  return choices[choices.length - 1]![0];
}

/** ~1,200 characters: the seed's opening, then sentences of other recorded abstracts. */
function abstractFor(rng: Rng, seed: SeedPaper): string {
  const target = rng.int(700, 1550);
  const head = seed.abstract.split(/(?<=[.!?])\s+/);
  const parts = head.length > 1 ? head.slice(0, -1) : [seed.abstract];
  let text = parts.join(' ');
  while (text.length < target) text += ` ${rng.pick(SENTENCES)}`;
  // arXiv hard-wraps nothing in RSS, but abstracts keep the authors' inline TeX and symbols.
  if (rng.chance(0.15)) text += ' We obtain $O(\\sqrt{n})$ regret & <5% overhead.';
  return text;
}

function titleFor(rng: Rng, seed: SeedPaper, n: number): string {
  const prefix = n < SEED.papers.length ? '' : rng.pick(TITLE_PREFIXES);
  return prefix ? `${prefix}${seed.title.charAt(0).toLowerCase()}${seed.title.slice(1)}` : seed.title;
}

export type BuildDayOptions = {
  mix: DayMix;
  seed: number;
  /** `YYMM` of new ids (`2512`). */
  yymm: string;
  /** First 5-digit number of new ids this day; days use disjoint ranges. */
  firstNumber: number;
};

export function buildDayItems({ mix, seed, yymm, firstNumber }: BuildDayOptions): SyntheticItem[] {
  const rng = createRng(seed);
  const ours = mix.primaries.map(([c]) => c);
  const items: SyntheticItem[] = [];
  const used = new Set<string>();
  const oldId = () => `25${String(rng.int(1, 11)).padStart(2, '0')}.${String(rng.int(1, 23999)).padStart(5, '0')}`;
  for (let n = 0; n < mix.items; n++) {
    const source = SEED.papers[(seed + n) % SEED.papers.length]!;
    const r = rng.next();
    const type: AnnounceType =
      r < mix.cross ? 'cross' : r < mix.cross + mix.replace ? 'replace' : r < mix.cross + mix.replace + mix.replaceCross ? 'replace-cross' : 'new';
    const isCross = type === 'cross' || type === 'replace-cross';
    const primary = isCross && mix.crossFrom.length ? rng.pick(mix.crossFrom) : weighted(rng, mix.primaries);
    const extra = rng.sample(ours.filter((c) => c !== primary), isCross ? rng.int(1, 2) : rng.int(0, 2));
    const replaced = type === 'replace' || type === 'replace-cross';
    let id = replaced ? oldId() : `${yymm}.${String(firstNumber + n).padStart(5, '0')}`;
    // arXiv lists a paper once per day.
    while (used.has(id)) id = oldId();
    used.add(id);
    items.push({
      id,
      version: replaced ? rng.int(2, 4) : 1,
      title: titleFor(rng, source, n),
      abstract: abstractFor(rng, source),
      authors: rng.chance(0.7) ? source.authors : rng.sample(AUTHORS, rng.int(1, 9)),
      categories: [primary, ...extra],
      announceType: type,
      license: rng.pick(LICENSES),
      ...(rng.chance(0.45) && { comments: rng.pick(COMMENTS) }),
      ...(rng.chance(0.08) && { doi: `10.48550/arXiv.${id}` }),
      ...(rng.chance(0.05) && { journalRef: 'Proc. of the 42nd Int. Conf. on Machine Learning, 2025' }),
    });
  }
  return items;
}

/**
 * A whole-arXiv weekday for the scale store (~1,900 items, cs-heavy as in 2025): every archive,
 * with the categories a 20-category reader picks, cross-lists drawn from the same mix.
 */
export const SCALE_DAY: DayMix = {
  items: 1900,
  primaries: [
    ['cs.LG', 14], ['cs.CV', 9], ['cs.CL', 6], ['cs.AI', 6], ['cs.RO', 3], ['cs.CR', 3], ['cs.DC', 2], ['cs.SE', 2],
    ['cs.IR', 2], ['cs.HC', 2], ['cs.NI', 1], ['cs.DS', 1], ['cs.IT', 1], ['cs.SD', 1], ['stat.ML', 2], ['stat.ME', 2],
    ['math.OC', 3], ['math.PR', 2], ['math.AP', 2], ['math.CO', 2], ['math.NA', 2], ['math.AG', 1], ['quant-ph', 5],
    ['hep-th', 2], ['hep-ph', 2], ['gr-qc', 1], ['astro-ph.GA', 2], ['astro-ph.CO', 1], ['astro-ph.HE', 1],
    ['cond-mat.mtrl-sci', 2], ['cond-mat.str-el', 1], ['cond-mat.stat-mech', 1], ['physics.optics', 1],
    ['physics.flu-dyn', 1], ['eess.SP', 2], ['eess.SY', 2], ['eess.IV', 1], ['q-bio.NC', 1], ['q-fin.ST', 1],
    ['econ.EM', 1], ['nlin.CD', 1], ['nucl-th', 1], ['math-ph', 1], ['hep-ex', 1], ['hep-lat', 1], ['nucl-ex', 1],
  ],
  crossFrom: [],
  cross: 0.12,
  replace: 0.3,
  replaceCross: 0.06,
};
