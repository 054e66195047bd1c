/**
 * 5. Summaries: LLM calls and tokens of one summarize run (the app's runSummarize) for 1, 10 and
 * 100 saved profiles over the same announcement day, against a local OpenAI-compatible server
 * (tests/helpers/fake-openai.ts, the real wire format, counted server-side). Target: calls equal
 * the distinct summaries wanted, however many profiles want each; a second run makes no call.
 */
import { performance } from 'node:perf_hooks';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import type { FakeArxiv } from '../support/fake-arxiv';
import { FakeOpenAi } from '../support/fake-openai';
import { openBackend } from './backends';
import { BUSY_SOURCES, type BenchDay } from './data/bench-days';
import { buildProfiles } from './data/build-profiles';
import { figure, fmt, ms, type Figure } from './harness';
import { ingestDay } from './ingest-days';

const PROFILE_COUNTS = [1, 10, 100];
/** Items per feed: every profile wants summaries for what its feed shows. */
const PROFILE_LIMIT = 20;

export async function benchSummaries(arxiv: FakeArxiv, day: BenchDay): Promise<Figure[]> {
  const figures: Figure[] = [];
  const savedMinScore = process.env.DEFAULT_MIN_SCORE;
  for (const count of PROFILE_COUNTS) {
    const fake = await FakeOpenAi.start();
    const backend = await openBackend('embedded', `sum${count}`);
    try {
      await ingestDay(backend, arxiv, day, BUSY_SOURCES);
      const profiles = buildProfiles(count, { seed: 7, categories: BUSY_SOURCES, days: 1, limit: PROFILE_LIMIT });
      for (const [i, p] of profiles.entries()) await backend.store.putProfile(`bench-profile-${String(i).padStart(4, '0')}`, JSON.stringify(p));
      const env = backend.env({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.baseURL, SUMMARY_MODEL: 'fake-model', SUMMARY_MAX_PAPERS: '10000', SUMMARY_MAX_TOKENS: '100000000', DEFAULT_MIN_SCORE: '1000', ARXIV_CATEGORIES: BUSY_SOURCES.join(',') });
      // The default profile asks for nothing (min score out of reach), so only the saved ones count.
      // It reads its overrides from process.env, as the app does.
      process.env.DEFAULT_MIN_SCORE = '1000';
      const run = () => runSummarize({ store: backend.store, env }, { now: new Date(`${day.day}T12:00:00Z`), deadline: Date.now() + 300_000, recordStatus: 'never' });
      const start = performance.now();
      const first = await run();
      const elapsed = performance.now() - start;
      const callsFirst = fake.calls;
      const second = await run();
      const callsSecond = fake.calls - callsFirst;
      const wanted = first.counts.candidates;
      figures.push(
        figure({
          section: '5 summaries',
          what: `${count} profile${count > 1 ? 's' : ''} (${PROFILE_LIMIT} items each, one day): LLM calls vs distinct papers wanted`,
          value: `${fmt(callsFirst)} calls / ${fmt(wanted)} wanted`,
          ratio: { value: wanted ? callsFirst / wanted : NaN, against: 'calls ÷ wanted' },
          target: { op: '==', limit: wanted, on: callsFirst, text: '= wanted' },
          note:
            `${fmt(first.counts.tokens)} tokens (${fmt(wanted ? first.counts.tokens / wanted : 0)} per paper), ${fmt(first.counts.summarized)} summarized, ${fmt(first.counts.failed)} failed, run ${ms(elapsed)}; ` +
            `a second run: ${fmt(callsSecond)} calls, ${fmt(second.counts.cached)} cached. ` +
            `${fmt(count * PROFILE_LIMIT)} feed slots → ${fmt(wanted)} distinct papers.`,
        }),
      );
    } finally {
      if (savedMinScore === undefined) delete process.env.DEFAULT_MIN_SCORE;
      else process.env.DEFAULT_MIN_SCORE = savedMinScore;
      await backend.cleanup();
      await fake.close();
    }
  }
  return figures;
}
