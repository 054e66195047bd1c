/**
 * Ingest-like setup for summary tests: a fresh embedded store in a temp DATA_DIR (process.env
 * points at it, so route handlers see the same store), two announcement days of synthetic papers
 * in cs.CL and cs.LG (cross-lists, one replacement), saved profiles that overlap in papers and
 * ask for two languages, and the feed-side view of which summaries are wanted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getEnv, resetEnvCache, type Env } from '../../lib/env';
import { getDefaultProfile } from '../../lib/select/default-profile';
import { selectFeed } from '../../lib/feed/select-feed';
import type { Day, Paper } from '../../lib/model/paper';
import type { ProfileInput, Profile } from '../../lib/model/profile';
import { ProfileSchema } from '../../lib/model/profile';
import { createProfile } from '../../lib/profiles/saved-profiles';
import { getStore, resetStore } from '../../lib/store/open-store';
import type { Store } from '../../lib/store/store';
import { parseSavedProfile } from '../../lib/jobs/summarize/load-profiles';
import { scrubEnv } from '../helpers/temp-env';

export const DAY1: Day = '2026-03-02';
export const DAY2: Day = '2026-03-03';
export const NOW = new Date('2026-03-03T12:00:00Z');

const TOPICS = ['speculative decoding', 'weight quantization', 'graph neural networks', 'robot manipulation', 'protein folding', 'retrieval augmented generation'];

export function makePaper(n: number, day: Day, primary: string, overrides: Partial<Paper> = {}): Paper {
  const topic = TOPICS[n % TOPICS.length]!;
  return {
    id: `2603.${String(n).padStart(5, '0')}`,
    version: 1,
    title: `Paper ${n} on ${topic} at scale`,
    abstract: `We study ${topic}. Our approach ${n % 2 ? 'improves' : 'matches'} strong baselines on ${n + 2} benchmarks, with analysis and ablations.`,
    authors: [`Ada Lovelace${n}`, 'Alan Turing'],
    categories: [primary],
    announceType: 'new',
    announced: day,
    firstAnnounced: day,
    ...overrides,
  };
}

/** Two days × two categories; papers 1–2 are cross-listed to cs.LG; paper 9 is replaced (v2) on day 2. */
export function makeDays(): Record<Day, Record<string, Paper[]>> {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const cross = (p: Paper): Paper => ({ ...p, categories: ['cs.CL', 'cs.LG'], announceType: 'cross' });
  const d1CL = range(1, 8).map((n) => makePaper(n, DAY1, 'cs.CL'));
  const d1LG = [...range(9, 16).map((n) => makePaper(n, DAY1, 'cs.LG')), ...d1CL.slice(0, 2).map(cross)];
  const d2CL = range(17, 24).map((n) => makePaper(n, DAY2, 'cs.CL'));
  const replaced = makePaper(9, DAY2, 'cs.LG', { version: 2, announceType: 'replace', firstAnnounced: DAY1, abstract: 'We study weight quantization, revised.' });
  const d2LG = [...range(25, 32).map((n) => makePaper(n, DAY2, 'cs.LG')), replaced];
  return { [DAY1]: { 'cs.CL': d1CL, 'cs.LG': d1LG }, [DAY2]: { 'cs.CL': d2CL, 'cs.LG': d2LG } };
}

/** Saved profiles overlapping in papers, in English and Chinese. */
export const SAVED_PROFILES: ProfileInput[] = [
  { categories: ['cs.CL'], keywords: ['decoding', 'quantization'], min_score: 1, days: 2 },
  { categories: ['cs.LG', 'cs.CL'], keywords: ['quantization', 'retrieval'], min_score: 1, days: 2, language: 'zh' },
  { categories: ['cs.LG'], keywords: ['decoding', 'quantization'], min_score: 1, days: 2, types: ['new', 'cross', 'replace'] },
  { categories: ['cs.CL', 'cs.LG'], keywords: [], min_score: 0, limit: 4, days: 1, language: 'zh' },
];

export type SummarizeFixture = {
  dir: string;
  prefix: string;
  store: Store;
  env: Env;
  tokens: string[];
  cleanup: () => Promise<void>;
};

let sequence = 0;

/** Fresh env + store; `fakeBaseURL` null = no OPENAI_API_KEY. */
export async function setupSummarize(options: { fakeBaseURL: string | null; env?: Record<string, string>; profiles?: ProfileInput[] }): Promise<SummarizeFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'af-sum-'));
  const prefix = `sum${process.pid}-${++sequence}:`;
  scrubEnv();
  Object.assign(process.env, {
    DATA_DIR: dir,
    STORE_PREFIX: prefix,
    STORE_BACKEND: 'embedded',
    DISABLE_AUTO_INGEST: '1',
    CRON_SECRET: 'cron-secret-for-tests',
    SUMMARY_MODEL: 'fake-model',
    SUMMARY_LANGUAGE: 'en',
    ARXIV_CATEGORIES: 'cs.CL,cs.LG',
    DEFAULT_KEYWORDS: 'decoding,neural',
    DEFAULT_MIN_SCORE: '1',
    ...(options.fakeBaseURL ? { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: options.fakeBaseURL } : {}),
    ...options.env,
  });
  resetEnvCache();
  await resetStore();
  const store = await getStore();
  for (const [day, bySource] of Object.entries(makeDays())) await store.commitDay(day, bySource, NOW);
  const tokens: string[] = [];
  for (const [i, body] of (options.profiles ?? SAVED_PROFILES).entries()) tokens.push((await createProfile(store, body, `client-${i}`)).token);
  // A record that no longer validates is skipped by the summarizer, not fatal.
  await store.putProfile('broken-profile-token-0001', '{"categories":["not.a.category"]}');
  return {
    dir,
    prefix,
    store,
    env: getEnv(),
    tokens,
    cleanup: async () => {
      await resetStore();
      resetEnvCache();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every profile the summarizer should serve: the default one and the saved ones that validate. */
export async function allProfiles(store: Store, env: Env): Promise<Profile[]> {
  const saved = Object.values(await store.listProfiles()).flatMap((raw) => parseSavedProfile(raw) ?? []);
  return [getDefaultProfile(env), ...saved].map((p) => ProfileSchema.parse(p));
}

/**
 * The feed-side truth: the (`<id>v<version>:<language>`) keys the profiles' feeds show, read
 * with the feed's own selection, and how many of those items carry a summary.
 */
export async function feedView(store: Store, env: Env): Promise<{ wanted: Set<string>; withSummary: number; items: number }> {
  const wanted = new Set<string>();
  let withSummary = 0;
  let items = 0;
  for (const profile of await allProfiles(store, env)) {
    const doc = await selectFeed(store, profile, { env, now: NOW, registerMissing: false });
    const language = profile.language ?? env.SUMMARY_LANGUAGE;
    for (const item of doc.items) {
      items++;
      wanted.add(`${item.paper.id}v${item.paper.version}:${language}`);
      if (item.summary) withSummary++;
    }
  }
  return { wanted, withSummary, items };
}
