/**
 * The format-neutral selection the feeds, the preview and the summarizer share: stored summaries
 * come back as stored (rendering is the feed's job), missing categories say whether the
 * configuration covers them, and a newer summary moves the last-change time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { ProfileSchema } from '../../lib/model/profile';
import { selectPapers, windowRequest } from '../../lib/select/select-papers';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { FIXED_NOW, fillStore, referencePapers, summaryFor } from '../feed/feed-fixtures';

const env = getEnv({ DATA_DIR: '/nonexistent', ARXIV_CATEGORIES: 'cs.LG,cs.AI' });
const profile = ProfileSchema.parse({ categories: ['cs.LG', 'cs.AI', 'quant-ph'], limit: 500 });
const summarized = referencePapers.find((p) => p.announced === '2025-12-18' && p.categories[0] === 'cs.LG')!;
const stored = summaryFor(summarized, 'A stored *Markdown* TL;DR.');

describe('selectPapers', () => {
  const store = new Store(createEmbeddedDriver(mkdtempSync(path.join(tmpdir(), 'af-selection-'))), 's:');

  beforeAll(async () => {
    await fillStore(store);
    await store.putSummary(stored, '2025-12-18', windowRequest(profile, env).summaryScope);
  });

  it('returns the stored summary unrendered, and null for papers without one', async () => {
    const selection = await selectPapers(store, profile, { env, now: FIXED_NOW, registerMissing: false });
    expect(selection.days).toEqual(['2025-12-18']);
    const withSummary = selection.items.filter((i) => i.summary);
    expect(withSummary.map((i) => i.paper.id)).toEqual([summarized.id]);
    expect(withSummary[0]!.summary).toEqual(stored);
    expect(selection.items.length).toBeGreaterThan(1);
  });

  it('names categories nothing stores yet, with whether ARXIV_CATEGORIES covers them', async () => {
    const selection = await selectPapers(store, profile, { env, now: FIXED_NOW, registerMissing: false });
    expect(selection.notIngested).toEqual([{ category: 'quant-ph', configured: false }]);
    expect(selection.summariesOff).toBe(true);
  });

  it('moves the last-change time to a summary newer than the store commit', async () => {
    const selection = await selectPapers(store, profile, { env, now: FIXED_NOW, registerMissing: false });
    expect(selection.updated).toBe('2025-12-18T06:00:00.000Z');
  });
});
