/**
 * Test data for the feed tests: 24 real papers over 3 announcement days (tests/fixtures/feed),
 * plus synthesized cross-list / replacement entries, committed to a temp embedded store.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanFeedDocument } from '../../lib/feed/clean-document';
import type { FeedDocument, FeedItem } from '../../lib/feed/feed-document';
import type { Paper } from '../../lib/model/paper';
import type { StoredSummary } from '../../lib/model/summary';
import type { Store } from '../../lib/store/store';
import { tempDir, useTempEnv as useCleanTempEnv } from '../helpers/temp-env';

export const DAYS = ['2025-12-05', '2025-12-11', '2025-12-18'] as const;
export const FIXED_NOW = new Date('2025-12-18T12:00:00Z');

const fixtureFile = path.join(import.meta.dirname, '../fixtures/feed/reference-papers.json');
export const referencePapers: Paper[] = JSON.parse(readFileSync(fixtureFile, 'utf8')).papers;

const byId = (id: string) => referencePapers.find((p) => p.id === id)!;

/** 2512.09238 (cs.CL) is cross-listed to cs.LG on its day: `new` in cs.CL, `cross` in cs.LG. */
export const CROSS_ID = '2512.09238';
/** 2512.04752 (cs.LG, 12-05) is replaced on 12-18 (v2). */
export const REPLACED_ID = '2512.04752';
/** 2512.05033 (cs.CL, 12-05) is replaced on 12-18 and cross-listed to cs.AI (`replace-cross`). */
export const REPLACED_CROSS_ID = '2512.05033';

export function bucketsOf(day: string): Record<string, Paper[]> {
  const buckets: Record<string, Paper[]> = { 'cs.AI': [], 'cs.CL': [], 'cs.DC': [], 'cs.LG': [] };
  for (const p of referencePapers.filter((x) => x.announced === day)) {
    const paper = p.id === CROSS_ID ? { ...p, categories: ['cs.CL', 'cs.LG'] } : p;
    buckets[p.categories[0]!]!.push(paper);
  }
  if (day === '2025-12-11') {
    buckets['cs.LG']!.push({ ...byId(CROSS_ID), categories: ['cs.CL', 'cs.LG'], announceType: 'cross' });
  }
  if (day === '2025-12-18') {
    const r = byId(REPLACED_ID);
    buckets['cs.LG']!.push({ ...r, version: 2, announceType: 'replace', announced: day, abstract: `${r.abstract} (revised)` });
    const rc = byId(REPLACED_CROSS_ID);
    buckets['cs.AI']!.push({ ...rc, version: 2, categories: ['cs.CL', 'cs.AI'], announceType: 'replace-cross', announced: day });
  }
  return buckets;
}

export async function fillStore(store: Store, days: readonly string[] = DAYS): Promise<void> {
  for (const day of days) await store.commitDay(day, bucketsOf(day), new Date(`${day}T01:00:00Z`));
}

/** Points the process env at a fresh temp DATA_DIR (and resets env/store singletons). */
export const useTempEnv = (extra: Record<string, string | undefined> = {}) => useCleanTempEnv({ DATA_DIR: tempDir('af-feed-'), ...extra });

export function summaryFor(paper: Pick<Paper, 'id' | 'version'>, tldr: string): StoredSummary {
  return {
    paperId: paper.id,
    version: paper.version,
    language: 'en',
    model: 'gpt-4o-mini',
    promptVersion: 'p1',
    content: { tldr, contributions: ['c'], method: 'm', results: 'r', limitations: 'l' },
    createdAt: '2025-12-18T06:00:00.000Z',
    tokens: 10,
  };
}

/** The arXiv ids in a rendered feed, in document order. */
export function idsIn(format: 'rss' | 'atom' | 'json', body: string): string[] {
  const re = format === 'json' ? /"url":"https:\/\/arxiv\.org\/abs\/([^"]+)"/g : format === 'rss' ? /<link>https:\/\/arxiv\.org\/abs\/([^<]+)<\/link>/g : /<link rel="alternate" type="text\/html" href="https:\/\/arxiv\.org\/abs\/([^"]+)"/g;
  return [...body.matchAll(re)].map((m) => m[1]!);
}

/** A cleaned cs.LG feed document whose every text field is hostile (quotes, `&`, `<x>`), for renderer tests. */
export function hostileDocument(items: FeedItem[], over: Partial<FeedDocument> = {}): FeedDocument {
  return cleanFeedDocument({
    title: 'arXiv cs.LG: rlhf, "kv cache" & <x>',
    description: 'New papers & <stuff>. Category quant-ph is not ingested yet.',
    selfUrl: 'http://localhost/api/feed?cats=cs.LG&q=rlhf,%22kv%20cache%22&format=atom',
    homeUrl: 'http://localhost/?cats=cs.LG&q=a&b=1',
    updated: '2025-12-18T01:00:00.000Z',
    language: 'en',
    categories: ['cs.LG'],
    keywords: ['rlhf', '"kv cache"'],
    days: ['2025-12-18'],
    notIngested: ['quant-ph'],
    notices: ['Category quant-ph is not ingested yet.'],
    summariesOff: false,
    leftOut: { belowMinScore: 0, pastLimit: 0 },
    summariesPending: 0,
    ...over,
    items,
  });
}
