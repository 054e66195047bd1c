/** Scores, explanations, exclude, authors, category boost, ordering and limit (lib/score/rank-papers.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/model/paper';
import { wordBases, wordForms } from '../../lib/score/inflect-word';
import { AUTHOR_POINTS, compareRanked, compileRules, emptyTally, explainPaper, rankPapers, rankWith, scorePaper } from '../../lib/score/rank-papers';
import { paper, rules } from './score-helpers';

const rlhfSpec = paper(
  'RLHFSpec: Breaking the Efficiency Bottleneck in RLHF Training via Adaptive Drafting',
  'Reinforcement Learning from Human Feedback (RLHF) is an important fine-tuning technique for large language models (LLMs) and comprises three stages: generation, inference, and training.',
  { authors: ['Siqi Wang', 'Hailong Yang', 'Depei Qian'] },
);

describe('score and explanation', () => {
  it("keeps the seed's scale: +1 per keyword, +0.5 more in the title, and says where", () => {
    const scored = explainPaper(compileRules(rules({ keywords: ['RLHF', 'Training', 'LLM', 'Inference', 'Efficiency', 'Decode'] })), rlhfSpec)!;
    expect(scored.matches).toEqual([
      { term: 'RLHF', where: 'title', points: 1.5 },
      { term: 'Training', where: 'title', points: 1.5 },
      { term: 'LLM', where: 'abstract', points: 1 },
      { term: 'Inference', where: 'abstract', points: 1 },
      { term: 'Efficiency', where: 'title', points: 1.5 },
    ]);
    expect(scored.score).toBe(6.5);
  });

  it('counts a duplicate keyword once (case-insensitive, same meaning)', () => {
    const once = explainPaper(compileRules(rules({ keywords: ['Training'] })), rlhfSpec)!;
    const twice = explainPaper(compileRules(rules({ keywords: ['Training', 'training', 'TRAINING '] })), rlhfSpec)!;
    expect(twice.score).toBe(once.score);
    expect(twice.matches).toHaveLength(1);
  });

  it('matches authors accent-insensitively, with TeX or Unicode accents', () => {
    const texAccent = paper('Kernel methods', '', { authors: ['Klaus-Robert M\\"uller', 'Ga\\"el Varoquaux'] });
    const unicode = paper('Kernel methods', '', { authors: ['Klaus-Robert Müller'] });
    const compiled = compileRules(rules({ authors: ['Muller', 'Gael Varoquaux'] }));
    expect(explainPaper(compiled, texAccent)!.matches).toEqual([
      { term: 'Muller', where: 'author', points: AUTHOR_POINTS },
      { term: 'Gael Varoquaux', where: 'author', points: AUTHOR_POINTS },
    ]);
    expect(explainPaper(compiled, unicode)!.score).toBe(AUTHOR_POINTS);
    // a whole name part, not a substring of another name
    expect(explainPaper(compiled, paper('x', '', { authors: ['David Holzm\\"uller'] }))!.score).toBe(0);
    // author terms look at authors only
    expect(explainPaper(compiled, paper('Muller on kernels', ''))!.score).toBe(0);
  });

  it('adds category boosts, archives included', () => {
    const compiled = compileRules(rules({ keywords: ['kernel'], categoryBoost: { 'cs.DC': 2, math: 0.5 } }));
    const p = paper('A kernel', '', { categories: ['cs.DC', 'math.OC'] });
    expect(explainPaper(compiled, p)!.matches).toEqual([
      { term: 'kernel', where: 'title', points: 1.5 },
      { term: 'cs.DC', where: 'category', points: 2 },
      { term: 'math', where: 'category', points: 0.5 },
    ]);
  });

  it('an exclude term removes a paper whatever its score, with the same matching rules', () => {
    const survey = paper('A Survey of Efficient LLM Inference Training Kernels', 'Efficient kernels.');
    const surveys = paper('Efficient LLM inference: three surveys compared', '');
    const surveillance = paper('Efficient LLM inference for surveillance video', '');
    const ranked = rankPapers([survey, surveys, surveillance], rules({ keywords: ['Efficient', 'LLM', 'Inference'], exclude: ['survey'] }));
    expect(ranked.map((s) => s.paper.id)).toEqual([surveillance.id]);
    expect(scorePaper(compileRules(rules({ exclude: ['survey'] })), survey)).toBe(-1);
  });
});

describe('ranking', () => {
  const day = (d: string, title: string, id: string): Paper => paper(title, '', { announced: d, id });

  it('orders by score, then newest announcement day, then id descending; keeps limit; applies min_score', () => {
    const papers = [
      day('2025-12-05', 'LLM', '2512.00003'),
      day('2025-12-11', 'LLM', '2512.00002'),
      day('2025-12-11', 'LLM', '2512.00001'),
      day('2025-12-05', 'LLM training', '2512.00009'),
      day('2025-12-18', 'nothing here', '2512.00010'),
    ];
    const r = rules({ keywords: ['LLM', 'training'] });
    expect(rankPapers(papers, r).map((s) => s.paper.id)).toEqual(['2512.00009', '2512.00002', '2512.00001', '2512.00003', '2512.00010']);
    expect(rankPapers(papers, { ...r, limit: 2 }).map((s) => s.paper.id)).toEqual(['2512.00009', '2512.00002']);
    expect(rankPapers(papers, { ...r, min_score: 1.5 }).map((s) => s.score)).toEqual([3, 1.5, 1.5, 1.5]);
    expect(rankPapers(papers, { ...r, min_score: 2 }).map((s) => s.paper.id)).toEqual(['2512.00009']);
  });

  it('keeps every paper when limit is unset, and tallies what exclude, min_score and limit left out', () => {
    const papers = ['LLM survey', 'LLM', 'LLM training', 'nothing', 'LLM again'].map((t, i) => paper(t, '', { id: `2512.0000${i}` }));
    const r = rules({ keywords: ['LLM', 'training'], exclude: ['survey'], min_score: 1, limit: undefined });
    expect(rankPapers(papers, r)).toHaveLength(3);
    const tally = emptyTally();
    expect(rankPapers(papers, { ...r, limit: 1 }, tally)).toHaveLength(1);
    expect(tally).toEqual({ excluded: 1, belowMinScore: 1, passed: 3 });
  });

  it('the bounded heap gives exactly the first `limit` of a full sort (property)', () => {
    const words = ['llm', 'rl', 'kernel', 'decoding', 'fast', 'world', 'cache'];
    const arbPaper = fc.record({
      title: fc.array(fc.constantFrom(...words), { maxLength: 5 }).map((w) => w.join(' ')),
      abstract: fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((w) => w.join(' ')),
      announced: fc.constantFrom('2025-12-05', '2025-12-11', '2025-12-18'),
      id: fc.integer({ min: 1, max: 60 }).map((i) => `2512.${String(i).padStart(5, '0')}`),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbPaper, { selector: (p) => p.id, maxLength: 40 }), fc.integer({ min: 1, max: 45 }), fc.constantFrom(0, 1, 2.5), (specs, limit, minScore) => {
        const papers = specs.map((s) => paper(s.title, s.abstract, { id: s.id, announced: s.announced }));
        const compiled = compileRules(rules({ keywords: ['LLM', 'decode', 'kv cache', 'fast'], exclude: ['world'], limit, min_score: minScore }));
        const full = papers
          .map((p) => ({ p, s: scorePaper(compiled, p) }))
          .filter((x) => x.s >= 0 && x.s >= minScore)
          .sort((a, b) => compareRanked(a.s, a.p, b.s, b.p))
          .slice(0, limit)
          .map((x) => [x.p.id, x.s]);
        expect(rankWith(compiled, papers).map((x) => [x.paper.id, x.score])).toEqual(full);
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('compiled rules give the same result as rankPapers and can be reused', () => {
    const papers = [rlhfSpec, paper('Fast kernels', 'decoding'), paper('World models', 'breakfast')];
    const r = rules({ keywords: ['RL', 'fast', 'decode', 'kernel'] });
    const compiled = compileRules(r);
    expect(rankWith(compiled, papers)).toEqual(rankPapers(papers, r));
    expect(rankWith(compiled, papers)).toEqual(rankWith(compiled, papers));
  });
});

describe('inflection tables agree both ways', () => {
  it('every form of a word lists that word among its bases (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,10}$/), (word) => {
        for (const form of wordForms(word)) if (form !== word) expect(wordBases(form)).toContain(word);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
  it('every base of a token has that token among its forms (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{2,12}$/), (token) => {
        for (const base of wordBases(token)) expect(wordForms(base).has(token)).toBe(true);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
