import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { candidateSources, paperMatchesRequest } from '../../lib/select/category-sources';
import { selectFeed } from '../../lib/feed/select-feed';
import { dedupePapers } from '../../lib/select/candidate-papers';
import { ProfileSchema } from '../../lib/model/profile';
import type { KvDriver } from '../../lib/store/driver';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { FIXED_NOW, fillStore, referencePapers } from './feed-fixtures';

/** Counts driver calls: each call is one round trip to a remote backend. */
function countingDriver(inner: KvDriver) {
  const calls: string[] = [];
  const driver = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (...args: unknown[]) => (calls.push(String(prop)), v.apply(target, args)) : v;
    },
  });
  return { driver, calls };
}

const env = getEnv({ DATA_DIR: '/nonexistent', OPENAI_API_KEY: 'sk-test' });

describe('selectFeed', () => {
  const { driver, calls } = countingDriver(createEmbeddedDriver(mkdtempSync(path.join(tmpdir(), 'af-select-'))));
  const store = new Store(driver, 't:');

  beforeAll(async () => {
    await fillStore(store);
  });

  it('reads a 3-day window of 4 categories in 3 round trips (directories, rows, the shown records), no read per paper', async () => {
    calls.length = 0;
    const doc = await selectFeed(store, ProfileSchema.parse({ categories: ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'], days: 3, limit: 500 }), { env, now: FIXED_NOW });
    expect(calls).toEqual(['mget', 'mget', 'mget']);
    expect(doc.items).toHaveLength(24);
    expect(doc.days).toEqual(['2025-12-18', '2025-12-11', '2025-12-05']);
    expect(doc.summariesOff).toBe(false);
    expect(doc.description).not.toContain('summaries are off');
    expect(doc.updated).toBe('2025-12-18T01:00:00.000Z');
  });

  it('reads one round trip for a category that is not ingested, plus one command to register it and one to read the requests it competes with', async () => {
    calls.length = 0;
    const doc = await selectFeed(store, ProfileSchema.parse({ categories: ['quant-ph'] }), { env, now: FIXED_NOW });
    expect(calls).toEqual(['mget', 'hsetMany', 'hgetall']);
    expect(doc.items).toEqual([]);
    expect(doc.notIngested).toEqual(['quant-ph']);
    calls.length = 0;
    await selectFeed(store, ProfileSchema.parse({ categories: ['quant-ph'] }), { env, now: FIXED_NOW, registerMissing: false });
    expect(calls).toEqual(['mget', 'hgetall']);
  });

  it('uses the clock for an empty store', async () => {
    const empty = new Store(createEmbeddedDriver(mkdtempSync(path.join(tmpdir(), 'af-select-'))));
    const doc = await selectFeed(empty, ProfileSchema.parse({ categories: ['cs.LG'] }), { env, now: FIXED_NOW });
    expect(doc.updated).toBe(FIXED_NOW.toISOString());
    expect(doc.notices).toEqual(['Category cs.LG has no stored announcements yet: the first ingest run has not stored it.']);
  });
});

describe('category sources', () => {
  it('serves a category from its own or its archive bucket, an archive from its own or its members', () => {
    expect(candidateSources('cs.LG')).toEqual(['cs.LG', 'cs']);
    expect(candidateSources('quant-ph')).toEqual(['quant-ph']);
    expect(candidateSources('cs')).toEqual(expect.arrayContaining(['cs', 'cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']));
  });

  it('keeps only papers listed in a requested category or archive', () => {
    const p = { ...referencePapers[0]!, categories: ['cs.CL', 'stat.ML'] };
    expect(paperMatchesRequest(p, ['cs.LG'])).toBe(false);
    expect(paperMatchesRequest(p, ['cs.CL'])).toBe(true);
    expect(paperMatchesRequest(p, ['cs'])).toBe(true);
    expect(paperMatchesRequest(p, ['quant-ph'])).toBe(false);
  });
});

describe('dedupePapers', () => {
  const base = referencePapers[0]!;
  it('keeps the newest announcement, and new over cross on the same day', () => {
    const out = dedupePapers([
      { ...base, announceType: 'cross' },
      { ...base, announceType: 'new' },
      { ...base, announceType: 'replace', version: 2, announced: '2025-12-01' },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.announceType).toBe('new');
    const later = dedupePapers([{ ...base }, { ...base, announceType: 'replace', version: 2, announced: '2099-01-01' }]);
    expect(later[0]!.version).toBe(2);
  });
});
