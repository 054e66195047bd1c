/**
 * Damaged records must not stop ingest: a status, paper-version, saved-profiles or
 * requested-categories record that cannot be read (hand-edited, an older version's format, a
 * damaged file) leaves the configured categories ingestible; the records that can be rebuilt are
 * rebuilt by the run. A damaged manifest stops the run before anything is written over it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../lib/errors';
import * as K from '../../lib/store/keys';
import { fixture } from '../arxiv/fixtures';
import { createIngestContext, type IngestContext } from '../ingest/ingest-context';
import { readDay } from '../helpers/read-day';

let ctx: IngestContext;
afterEach(async () => ctx?.cleanup());

const fileOf = (dataDir: string, key: string) => path.join(dataDir, 'kv', `${`test:${key}`.replace(/:/g, '%3a')}.json`);

describe('ingest over damaged records (embedded files)', () => {
  it('stores the day of the configured categories and rebuilds status, paper versions and requested categories', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    await ctx.store.ping();
    const damage = (key: string, content: string) => writeFile(fileOf(ctx.dataDir, key), content);
    await damage(K.statusKey(K.INGEST_STATUS_KIND), '{"v":"{\\"kind\\":');
    await damage(K.paperVersionKey('2512.04752'), '{"v":"{\\"version\\":\\"one');
    await damage(K.PROFILES_HASH, '{"h":{"tok":');
    await damage(K.REQUESTED_CATEGORIES_HASH, '');

    const result = await ctx.run({ backfill: false });
    expect(result.state).toBe('ok');
    expect(result.counts.new).toBe(9); // the paper whose record was unreadable counts as new
    expect(Object.keys(await readDay(ctx.store, '2025-12-05')).sort()).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
    expect((await ctx.store.getPaperVersions(['2512.04752'])).get('2512.04752')).toEqual({ version: 1, firstAnnounced: '2025-12-05' });
    expect(await ctx.store.getStatus(K.INGEST_STATUS_KIND)).toMatchObject({ state: 'ok' });
    // Saved profiles are the users' data: left as they were for someone to repair.
    expect(await readFile(fileOf(ctx.dataDir, K.PROFILES_HASH), 'utf8')).toBe('{"h":{"tok":');
  });

  it('a damaged manifest stops the run with StoreCorruptError before anything is written over it', async () => {
    ctx = await createIngestContext({}, { rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
    await ctx.store.ping();
    await writeFile(fileOf(ctx.dataDir, K.MANIFEST_KEY), '{}');
    await expect(ctx.run({ backfill: false })).rejects.toBeInstanceOf(StoreCorruptError);
    expect(await readFile(fileOf(ctx.dataDir, K.MANIFEST_KEY), 'utf8')).toBe('{}');
  });
});
