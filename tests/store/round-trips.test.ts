/**
 * The feed-read budget on a real Redis: `readWindow` over 7 announcement days × 4 categories plus
 * their summaries costs exactly 2 commands (GET manifest, one MGET), counted by MONITOR on a
 * dedicated connection (only commands on this run's key prefix count, so other tests sharing
 * the server do not disturb it). Reports bytes read, and shows the memory cap at work on a
 * realistic high-volume window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { MAX_WINDOW_BYTES } from '../../lib/store/keys';
import { createRedisDriver } from '../../lib/store/redis-driver';
import { Store } from '../../lib/store/store';
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

/** Commands seen by MONITOR while `fn` runs whose arguments touch `prefix`. */
async function monitorCommands(prefix: string, fn: () => Promise<unknown>): Promise<string[]> {
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
  return lines.filter((l) => l.includes(prefix)).map((l) => /\] "([A-Za-z]+)"/.exec(l)?.[1]?.toUpperCase() ?? '?');
}

async function commandStats(): Promise<Record<string, number>> {
  const client = createClient({ url: REDIS_TEST_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    const info = await client.info('commandstats');
    return Object.fromEntries([...info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
  } finally {
    client.destroy();
  }
}

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

  it('7 days × 4 categories + summaries = 2 commands (GET, MGET)', async () => {
    const counting = countingDriver(driver);
    const store = new Store(counting, `${prefix}week:`);
    await seed(store, weekdaysBack('2025-11-21', 7), 1);
    await store.ping(); // connection handshake out of the way

    counting.resetCounts();
    const before = await commandStats();
    let window: Awaited<ReturnType<Store['readWindow']>> | undefined;
    const started = performance.now();
    const commands = await monitorCommands(prefix, async () => {
      window = await store.readWindow({ sources: SOURCES, days: 7, summaryScope: SCOPE });
    });
    const elapsedMs = performance.now() - started;
    const after = await commandStats();

    expect(commands).toEqual(['GET', 'MGET']);
    expect(counting.calls).toEqual(['get', 'mget']);
    // commandstats is server-wide (other suites may run), so it can only confirm a lower bound.
    expect((after.mget ?? 0) - (before.mget ?? 0)).toBeGreaterThanOrEqual(1);
    expect(window!.days).toHaveLength(7);
    expect(window!.entries).toHaveLength(7 * 385);
    expect(window!.summaries.size).toBe(7 * 20);
    expect(window!.truncated).toBe(false);
    console.info(
      `[round trips] 7 days × 4 categories (${window!.entries.length} entries, ${window!.summaries.size} summaries): ` +
        `${commands.length} commands (${commands.join(', ')}), ${(counting.bytesRead / 1e6).toFixed(2)} MB read, ${elapsedMs.toFixed(0)} ms incl. MONITOR`,
    );
  });

  it('a heavy window stays within MAX_WINDOW_BYTES, still in 2 commands', async () => {
    const counting = countingDriver(driver);
    const store = new Store(counting, `${prefix}heavy:`);
    // ~2.5× the quiet volume (new + cross + replace on a busy week) over 10 days ≈ 15 MB stored.
    await seed(store, weekdaysBack('2025-11-21', 10), 2.5);
    counting.resetCounts();
    const commands = await monitorCommands(prefix, () => store.readWindow({ sources: SOURCES, days: 10, summaryScope: SCOPE }));
    const window = await store.readWindow({ sources: SOURCES, days: 10, summaryScope: SCOPE });

    expect(commands).toEqual(['GET', 'MGET']);
    expect(window.truncated).toBe(true);
    expect(window.days.length).toBeGreaterThanOrEqual(1);
    expect(window.days.length).toBeLessThan(10);
    const bucketBytesPerRead = counting.bytesRead / 2;
    expect(bucketBytesPerRead).toBeLessThanOrEqual(MAX_WINDOW_BYTES + 200_000); // + manifest and summary days
    console.info(
      `[memory cap] 10 busy days requested: ${window.days.length} days read (${window.entries.length} entries), ` +
        `${(bucketBytesPerRead / 1e6).toFixed(2)} MB per read (cap ${(MAX_WINDOW_BYTES / 1e6).toFixed(2)} MB), truncated=${window.truncated}`,
    );
  });
});
