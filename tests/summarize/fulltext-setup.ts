/**
 * Full-text summary tests' wiring, the way the summarize job wires it: an embedded store in a
 * temp DATA_DIR, lib/arxiv's throttled downloader pointed at the local paper-file stand-in, the
 * real `openai` client against the local OpenAI-compatible server (with a `fetch` that keeps every
 * request body, so a test reads the exact prompt sent), and one PaperContext per "process".
 */
import OpenAI from 'openai';
import { getEnv, type Env } from '../../lib/env';
import { paperFileFetcher } from '../../lib/arxiv/fetch-paper-file';
import type { Day, Paper } from '../../lib/model/paper';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { fullTextSettings } from '../../lib/summarize/fulltext/full-text-settings';
import { newProviderState } from '../../lib/summarize/request-summary';
import type { PaperContext } from '../../lib/summarize/summarize-paper';
import { summaryScope } from '../../lib/summarize/summary-scope';
import { wantedKey, type WantedSummary } from '../../lib/summarize/wanted-summary';
import type { FakeArxivPapers } from '../../scripts/support/fake-arxiv-papers';
import type { FakeOpenAi } from '../../scripts/support/fake-openai';
import { tempDir } from '../helpers/temp-env';

export const DAY: Day = '2026-03-02';
export const NOW = new Date('2026-03-02T12:00:00Z');
export const PREFIX = 'ft:';

export function makePaper(n: number, overrides: Partial<Paper> = {}): Paper {
  return {
    id: `2603.${String(n).padStart(5, '0')}`,
    version: 1,
    title: `Adaptive drafts ${n}`,
    abstract: `ABSTRACT-ONLY text of paper ${n}: we make speculative decoding adaptive.`,
    authors: ['Ada Lovelace'],
    categories: ['cs.CL'],
    announceType: 'new',
    announced: DAY,
    firstAnnounced: DAY,
    ...overrides,
  };
}

/** The env a deployment with full text on would have, pointed at the stand-ins. */
export function fullTextEnv(papers: FakeArxivPapers, llm: FakeOpenAi, extra: Record<string, string> = {}): Env {
  return getEnv({
    DATA_DIR: tempDir('af-ft-'),
    STORE_PREFIX: PREFIX,
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: llm.baseURL,
    SUMMARY_MODEL: 'fake-model',
    SUMMARY_SOURCE: 'fulltext',
    ARXIV_MIN_INTERVAL_MS: '40',
    ARXIV_TIMEOUT_MS: '5000',
    ...papers.env(),
    ...extra,
  });
}

export type SentRequest = { model: string; messages: { role: string; content: string }[]; response_format?: { type: string; json_schema?: { name: string } } };

/** The real client; every body it sends is kept in `sent`. */
export function recordingClient(env: Env, sent: SentRequest[]): OpenAI {
  return new OpenAI({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    maxRetries: 0,
    fetch: (url, init) => {
      if (typeof init?.body === 'string') sent.push(JSON.parse(init.body) as SentRequest);
      return fetch(url, init);
    },
  });
}

/** The user message of a sent request (the paper's text). */
export const userText = (r: SentRequest) => r.messages.find((m) => m.role === 'user')?.content ?? '';
export const systemText = (r: SentRequest) => r.messages.find((m) => m.role === 'system')?.content ?? '';

export const openStore = (env: Env) => new Store(createEmbeddedDriver(env.DATA_DIR), env.STORE_PREFIX);

function serialized() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const next = tail.then(write, write);
    tail = next.catch(() => undefined);
    return next;
  };
}

export type ContextOptions = { now?: Date; deadlineMs?: number; sent?: SentRequest[]; store?: Store };

/** What the summarize job hands summarizePaper, with full text on and the budgets unlimited. */
export function paperContext(env: Env, options: ContextOptions = {}): PaperContext {
  const store = options.store ?? openStore(env);
  return {
    store,
    client: recordingClient(env, options.sent ?? []),
    model: env.SUMMARY_MODEL,
    now: options.now ?? NOW,
    lockTtlSeconds: 60,
    reserve: () => ({ ok: true, release: () => {} }),
    serialize: serialized(),
    request: { provider: newProviderState(), deadlineMs: options.deadlineMs ?? Date.now() + 60_000 },
    fullText: fullTextSettings(env, paperFileFetcher({ store }, env)),
  };
}

export function wanted(paper: Paper, env: Env, language = 'en'): WantedSummary {
  const scope = summaryScope(language, env);
  return { key: wantedKey(paper.id, paper.version, scope), paper, language, scope, score: 1, missingDays: [paper.announced] };
}
