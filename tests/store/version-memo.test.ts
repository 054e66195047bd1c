/**
 * The process memory of version keys (lib/store/version-memo.ts): warm feed checks within its
 * time read nothing; this process's own commits and summaries are seen at once; another process's
 * writes once the memory is older than its time; a read in flight during a write is not kept.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/model/paper';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import type { KvDriver } from '../../lib/store/driver';
import { sourceVersionKey, summaryVersionKey } from '../../lib/store/keys';
import { Store } from '../../lib/store/store';
import { VersionMemo } from '../../lib/store/version-memo';

let dir = '';
afterEach(async () => rm(dir, { recursive: true, force: true }));

const paper = (id: string, day: string): Paper => ({
  id, version: 1, title: `Paper ${id}`, abstract: 'About caches.', authors: ['A. Author'], categories: ['cs.LG'],
  announceType: 'new', announced: day, firstAnnounced: day,
});
const summary = (id: string) => ({ paperId: id, version: 1, language: 'en', model: 'm', promptVersion: 'p1', content: null, text: 'S.', createdAt: '2025-12-05T07:00:00Z', tokens: 1 });

describe('VersionMemo', () => {
  it('answers only while every key is younger than its time', () => {
    let now = 1_000;
    const memo = new VersionMemo(1000, 100, () => now);
    expect(memo.get(['a'])).toBeUndefined();
    memo.remember(memo.begin(), ['a', 'b'], ['1', null]);
    expect(memo.get(['a', 'b'])).toEqual(['1', null]);
    expect(memo.get(['a', 'c']), 'one key never read').toBeUndefined();
    now = 1_999;
    expect(memo.get(['a'])).toEqual(['1']);
    now = 2_000;
    expect(memo.get(['a']), 'as old as its time').toBeUndefined();
  });

  it('forgets written keys, and does not keep a read that overlapped a write', () => {
    const memo = new VersionMemo(1000, 100, () => 0);
    memo.remember(memo.begin(), ['a', 'b'], ['1', '1']);
    const inFlight = memo.begin();
    memo.forget(['a']);
    expect(memo.get(['a'])).toBeUndefined();
    expect(memo.get(['b'])).toEqual(['1']);
    memo.remember(inFlight, ['a'], ['old']);
    expect(memo.get(['a']), 'the read began before the write').toBeUndefined();
  });

  it('starts over past its key bound', () => {
    const memo = new VersionMemo(1000, 3, () => 0);
    memo.remember(memo.begin(), ['a', 'b'], ['1', '2']);
    memo.remember(memo.begin(), ['c', 'd'], ['3', '4']);
    expect(memo.get(['a'])).toBeUndefined();
    expect(memo.get(['c', 'd'])).toEqual(['3', '4']);
  });
});

describe('Store with versionMemoMs', () => {
  async function world() {
    dir = await mkdtemp(path.join(tmpdir(), 'af-version-memo-'));
    const reads: string[][] = [];
    const inner = createEmbeddedDriver(dir);
    const driver: KvDriver = { ...inner, mget: (keys, options) => (reads.push(keys), inner.mget(keys, options)) };
    // A long memory, so nothing here depends on timing: only forgetting can make it read again.
    const memoized = new Store(driver, 'vm:', { versionMemoMs: 3_600_000 });
    const other = new Store(createEmbeddedDriver(dir), 'vm:');
    return { memoized, other, reads };
  }
  const deps = [sourceVersionKey('cs.LG'), summaryVersionKey('en:m', '2025-12-05')];

  it('reads version keys once, sees its own commits and summaries at once, and another process only after its time', async () => {
    const w = await world();
    await w.memoized.commitDay('2025-12-05', { 'cs.LG': [paper('2512.00001', '2025-12-05')] });
    const first = await w.memoized.readFeedVersions(deps);
    w.reads.length = 0;
    expect((await w.memoized.readFeedVersions(deps)).tag).toBe(first.tag);
    expect(w.reads, 'a warm check within the memory reads nothing').toEqual([]);

    await w.memoized.commitDay('2025-12-05', { 'cs.LG': [paper('2512.00002', '2025-12-05')] });
    const afterCommit = await w.memoized.readFeedVersions(deps);
    expect(afterCommit.tag).not.toBe(first.tag);
    await w.memoized.putSummary(summary('2512.00002'), '2025-12-05', 'en:m');
    const afterSummary = await w.memoized.readFeedVersions(deps);
    expect(afterSummary.tag).not.toBe(afterCommit.tag);

    await w.other.commitDay('2025-12-05', { 'cs.LG': [paper('2512.00003', '2025-12-05')] });
    expect((await w.memoized.readFeedVersions(deps)).tag, "another process's commit waits for the memory to age").toBe(afterSummary.tag);
    expect((await w.other.readFeedVersions(deps)).tag, 'a store without the memory reads every time').not.toBe(afterSummary.tag);
  });
});
