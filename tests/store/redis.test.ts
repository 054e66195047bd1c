/**
 * The contract on a real Redis over TCP (REDIS_TEST_URL, default redis://127.0.0.1:6379), under a
 * unique key prefix that is deleted afterwards. Skipped with one line when no Redis answers,
 * failed instead when REQUIRE_REDIS=1 (CI).
 */
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../lib/errors';
import { createRedisDriver } from '../../lib/store/redis-driver';
import { closedPort, deleteByPrefix, redisGate, REDIS_TEST_URL, uniquePrefix } from '../../scripts/support/redis-test-env';
import { runStoreContract } from './contract';

const gate = await redisGate('redis store contract');

describe.skipIf(gate.skip !== null)('redis backend', () => {
  it('has a reachable Redis (REQUIRE_REDIS=1 makes this fail instead of skipping)', () => {
    expect(gate.unreachable, `Redis at ${REDIS_TEST_URL}: ${gate.unreachable}`).toBeNull();
  });

  runStoreContract('redis', async () => {
    const prefix = uniquePrefix('redis');
    return { driver: createRedisDriver(REDIS_TEST_URL), prefix, cleanup: () => deleteByPrefix(prefix) };
  });
});

// Needs no server at all, so it always runs.
describe('redis backend, unreachable', () => {
  it('answers StoreUnavailableError quickly, naming host:port but never the password', async () => {
    const port = await closedPort();
    const driver = createRedisDriver(`redis://default:s3cret-pw@127.0.0.1:${port}`);
    const started = Date.now();
    const err = await driver.get('k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('s3cret-pw');
    expect(Date.now() - started).toBeLessThan(3_000);
    // Every method maps the failure the same way, and a later call tries again (no stuck client).
    await expect(driver.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(driver.mget(['a', 'b'])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(driver.hgetall('h')).rejects.toBeInstanceOf(StoreUnavailableError);
    await driver.close();
  });
});
