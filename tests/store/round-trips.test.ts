/**
 * The feed-read budget on a real Redis, seen by MONITOR on a dedicated connection (only commands on
 * this run's key prefix count, so other tests sharing the server do not disturb it): a cold feed
 * miss over 7 announcement days × 4 categories is 3 round trips of MGETs (directories, then rows or
 * the parts it ranks, then the shown records and summaries), and no MGET's reply exceeds
 * MAX_REPLY_BYTES, summed from the sizes of the keys each command named. A heavy window is served
 * whole, each paper read once, in replies under the limit. (These papers' text is repetitive and
 * compresses far better than arXiv's; the split of large replies is checked in the contract.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { MAX_REPLY_BYTES } from '../../lib/store/read-batches';
import { createRedisDriver } from '../../lib/store/redis-driver';
import { Store, type FeedWindowQuery } from '../../lib/store/store';
import { countingDriver } from '../../scripts/support/counting-driver';
import { makeBucket, makeSummary, weekdaysBack } from '../helpers/make-papers';
import { deleteByPrefix, redisGate, REDIS_TEST_URL, uniquePrefix } from '../../scripts/support/redis-test-env';

const gate = await redisGate('redis round trips');

const SOURCES = ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'];
const SCOPE = 'en:test-model:p1';
/** Roughly a quiet week's new+cross volume per category and day. */
const PER_DAY = { 'cs.AI': 120, 'cs.CL': 80, 'cs.DC': 25, 'cs.LG': 160 } as Record<string, number>;

async function seed(store: Store, days: string[], scale: number) {
  for (const [d, day] of [...days].reverse().entries()) {
    const bySource = Object.fromEntries(SOURCES.map((s, i) => [s, makeBucket(day, s, PER_DAY[s]! * scale, d * 10_000 + i * 2_000)]));
    await store.commitDay(day, bySource);
    for (const paper of bySource['cs.LG']!.slice(0, 20)) await store.putSummary(makeSummary(paper), day, SCOPE);
  }
}

type Command = { name: string; keys: string[] };

/** Commands seen by MONITOR while `fn` runs whose arguments touch `prefix`. */
async function monitorCommands(prefix: string, fn: () => Promise<unknown>): Promise<Command[]> {
  const monitor = createClient({ url: REDIS_TEST_URL });
  monitor.on('error', () => {});
  await monitor.connect();
  const lines: string[] = [];
  await monitor.monitor((line: string) => lines.push(line));
  try {
    await fn();
    await sleep(200); // MONITOR lines trail the replies slightly
  } finally {
    monitor.destroy();
  }
  // Line format: 1700000000.123456 [0 127.0.0.1:5555] "MGET" "key" …
  return lines
    .filter((l) => l.includes(prefix))
    .map((l) => {
      const args = [...l.slice(l.indexOf(']') + 1).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
      return { name: args[0]!.toUpperCase(), keys: args.slice(1) };
    });
}

/** The reply size of each MGET: the stored sizes of the keys it named. */
async function replyBytes(commands: Command[]): Promise<number[]> {
  const client = createClient({ url: REDIS_TEST_URL, RESP: 2 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await Promise.all(commands.map(async (c) => (await Promise.all(c.keys.map((k) => client.strLen(k)))).reduce((n, s) => n + s, 0)));
  } finally {
    client.destroy();
  }
}

const feedQuery = (withText: boolean): FeedWindowQuery => ({ requested: SOURCES, days: 10, types: ['new', 'cross'], withText, summaryScope: SCOPE });

describe.skipIf(gate.skip !== null)('feed read round trips on real Redis', () => {
  const prefix = uniquePrefix('rt');
  const driver = createRedisDriver(REDIS_TEST_URL);

  beforeAll(() => {
    expect(gate.unreachable, `Redis at ${REDIS_TEST_URL}: ${gate.unreachable}`).toBeNull();
  });
  afterAll(async () => {
    await driver.close();
    await deleteByPrefix(prefix);
  });

  it('a cold miss over 7 days × 4 categories: 3 round trips of MGETs, each reply under the limit', async () => {
    await seed(new Store(driver, `${prefix}week:`), weekdaysBack('2025-11-21', 7), 1);
    for (const withText of [false, true]) {
      const counting = countingDriver(driver);
      const store = new Store(counting, `${prefix}week:`);
      await store.ping(); // connection handshake out of the way
      counting.resetCounts();
      let shown = 0;
      const commands = await monitorCommands(prefix, async () => {
        const window = await store.readFeedWindow({ ...feedQuery(withText), days: 7 });
        expect(window.days).toHaveLength(7);
        const read = await store.readShown(window, window.entries.slice(0, 100));
        shown = read.papers.filter((p) => p.abstract).length;
      });
      expect(counting.calls).toEqual(['mget', 'mget', 'mget']);
      expect(new Set(commands.map((c) => c.name))).toEqual(new Set(['MGET']));
      expect(shown).toBe(100);
      const replies = await replyBytes(commands);
      expect(Math.max(...replies)).toBeLessThanOrEqual(MAX_REPLY_BYTES);
      console.info(
        `[round trips] ${withText ? 'ranked' : 'unranked'} 7 days × 4 categories: ${commands.length} MGETs in 3 round trips, ` +
          `${(counting.bytesRead / 1e6).toFixed(2)} MB read, largest reply ${(Math.max(...replies) / 1e3).toFixed(0)} KB`,
      );
    }
  });

  it('a heavy window is served whole, each paper once, in replies under the limit', async () => {
    // ~2.5× the quiet volume (new + cross + replace on a busy week) over 10 days.
    await seed(new Store(driver, `${prefix}heavy:`), weekdaysBack('2025-11-21', 10), 2.5);
    const counting = countingDriver(driver);
    const store = new Store(counting, `${prefix}heavy:`);
    let entries = 0;
    const commands = await monitorCommands(prefix, async () => {
      const window = await store.readFeedWindow(feedQuery(true));
      expect(window.days).toHaveLength(10);
      expect(window.notices).toEqual([]);
      entries = window.entries.length;
      expect(new Set(window.entries.map((p) => `${p.id}/${p.announced}`)).size).toBe(entries);
    });
    const replies = await replyBytes(commands);
    expect(Math.max(...replies)).toBeLessThanOrEqual(MAX_REPLY_BYTES);
    console.info(`[heavy window] 10 busy days, ${entries} papers: ${commands.length} MGETs, ${(counting.bytesRead / 1e6).toFixed(2)} MB read`);
  });
});
