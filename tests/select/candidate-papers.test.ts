/**
 * One entry per paper at its newest version: the types filter judges the announcement the item
 * is for, the content (and so the summary the summarizer is asked for) is the newest version's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { ProfileSchema } from '../../lib/model/profile';
import { candidatePapers, withNewestVersion } from '../../lib/select/candidate-papers';
import { rankWindow, windowRequest } from '../../lib/select/select-papers';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { REPLACED_ID, fillStore, referencePapers } from '../feed/feed-fixtures';

const env = getEnv({ DATA_DIR: '/nonexistent' });
const first = referencePapers.find((p) => p.id === REPLACED_ID)!;

describe('withNewestVersion', () => {
  const newer = { ...first, version: 3, title: 'New title', abstract: 'New abstract', doi: '10.1/x', announceType: 'replace' as const, announced: '2025-12-20' };

  it('keeps the shown announcement and takes the content of the newer version', () => {
    const { paper, update } = withNewestVersion(first, newer);
    expect(paper).toMatchObject({ id: first.id, announceType: 'new', announced: first.announced, firstAnnounced: first.firstAnnounced, version: 3, title: 'New title', abstract: 'New abstract', doi: '10.1/x' });
    expect(update).toEqual({ version: 3, announced: '2025-12-20' });
  });

  it('changes nothing when the shown entry is already the newest', () => {
    expect(withNewestVersion(newer, first)).toEqual({ paper: newer, update: null });
    expect(withNewestVersion(first, undefined)).toEqual({ paper: first, update: null });
  });
});

describe('candidates and the summarizer over a window with a replacement', () => {
  const store = new Store(createEmbeddedDriver(mkdtempSync(path.join(tmpdir(), 'af-candidates-'))), 'c:');
  const profile = ProfileSchema.parse({ categories: ['cs.LG'], days: 3, limit: 500 });
  beforeAll(() => fillStore(store));

  it('judges the types on the first announcement but shows version 2', async () => {
    const window = await store.readWindow(windowRequest(profile, env));
    const replaced = candidatePapers(window, profile).find((c) => c.paper.id === REPLACED_ID)!;
    expect(replaced.paper).toMatchObject({ announceType: 'new', announced: '2025-12-05', version: 2 });
    expect(replaced.paper.abstract).toMatch(/\(revised\)$/);
    expect(candidatePapers(window, { ...profile, types: ['replace'] }).map((c) => c.paper.id)).toEqual([REPLACED_ID]);
  });

  it('asks the summarizer (rankWindow) for the newest version', async () => {
    const window = await store.readWindow(windowRequest(profile, env));
    const wanted = rankWindow(window, profile).find((s) => s.paper.id === REPLACED_ID)!;
    expect(wanted.paper.version).toBe(2);
    expect(wanted.update).toEqual({ version: 2, announced: '2025-12-18' });
  });
});
