/**
 * One stored summary per (paper version, canonical language tag, provider, model, prompt):
 * `pt-br` and `pt-BR` are one language and paid for once; the same model name on another
 * provider is another text and is never served in its place.
 */
import { describe, expect, it } from 'vitest';
import { EnvError, getEnv, type Env } from '../../lib/env';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import { ProfileSchema, type ProfileInput } from '../../lib/model/profile';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { FakeOpenAi } from '../../scripts/support/fake-openai';
import { NOW, setupSummarize, type SummarizeFixture } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();
const run = (f: SummarizeFixture, env: Env = f.env) =>
  runSummarize({ store: f.store, env }, { now: NOW, deadline: Date.now() + 60_000, minCallWindowMs: 50 });
const PROFILE: ProfileInput = { categories: ['cs.CL'], keywords: ['decoding', 'quantization'], min_score: 1, days: 2 };

describe('language tags are canonical', () => {
  it.each([
    ['pt-br', 'pt-BR'],
    ['PT-BR', 'pt-BR'],
    ['EN', 'en'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['iw', 'he'],
  ])('%s is stored as %s, in a profile and in SUMMARY_LANGUAGE', (tag, canonical) => {
    expect(ProfileSchema.parse({ categories: ['cs.LG'], language: tag }).language).toBe(canonical);
    expect(getEnv({ SUMMARY_LANGUAGE: tag }).SUMMARY_LANGUAGE).toBe(canonical);
  });

  it.each(['en_US', 'e', 'english', 'pt-', '12', 'en-$'])('refuses %j, naming the variable', (tag) => {
    expect(ProfileSchema.safeParse({ categories: ['cs.LG'], language: tag }).success).toBe(false);
    expect(() => getEnv({ SUMMARY_LANGUAGE: tag })).toThrow(EnvError);
    expect(() => getEnv({ SUMMARY_LANGUAGE: tag })).toThrow(/SUMMARY_LANGUAGE: .*got "/);
  });

  it('summarizes pt-br and pt-BR profiles once per paper', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, profiles: [{ ...PROFILE, language: 'pt-br' }, { ...PROFILE, language: 'pt-BR' }] });
    const result = await run(world.fx);
    const portuguese = world.fake.requests.filter((r) => r.language?.toLowerCase() === 'pt-br');
    expect(portuguese.length).toBeGreaterThan(0);
    expect(portuguese.length).toBe(new Set(portuguese.map((r) => r.paper)).size);
    expect(result.counts.calls).toBe(world.fake.calls);
  });
});

describe('the provider is part of the scope', () => {
  it('the default base URL is OpenAI\'s; another host is another scope', () => {
    const openai = summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini' });
    expect(summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini', OPENAI_BASE_URL: 'https://api.openai.com/v1' })).toBe(openai);
    expect(summaryScope('en', { SUMMARY_MODEL: 'gpt-4o-mini', OPENAI_BASE_URL: 'https://openrouter.ai/api/v1' })).not.toBe(openai);
    expect(summaryScope('en', { SUMMARY_MODEL: 'gpt-4o', OPENAI_BASE_URL: 'https://api.openai.com/v1' })).not.toBe(openai);
    expect(summaryScope('de', { SUMMARY_MODEL: 'gpt-4o-mini' })).not.toBe(openai);
  });

  it('after switching providers with the same model name, papers are summarized again by the new one', async () => {
    const other = await FakeOpenAi.start();
    try {
      world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, profiles: [PROFILE] });
      const first = await run(world.fx);
      expect(first.counts.summarized).toBeGreaterThan(0);
      const switched = getEnv({ ...process.env, OPENAI_BASE_URL: other.baseURL });
      const second = await run(world.fx, switched);
      expect(second.counts).toMatchObject({ cached: 0, summarized: first.counts.summarized });
      expect(other.calls).toBe(first.counts.summarized);
    } finally {
      await other.close();
    }
  });
});
