/**
 * The first-start background fetch stays off on serverless hosts: a frozen instance would stall the
 * run holding the ingest lock, and every cold start would start another.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../instrumentation';
import { startAutoIngest } from '../../lib/jobs/ingest/start-auto-ingest';
import { resetStore } from '../../lib/store/open-store';
import { startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';
import { fixture } from '../arxiv/fixtures';
import { scrubEnv, useTempEnv } from '../helpers/temp-env';

let fake: FakeArxiv;
let logged: string[];
let scheduled: number[];
const schedule = (_run: () => void, delayMs: number) => void scheduled.push(delayMs);

beforeEach(async () => {
  fake = await startFakeArxiv({ rss: fixture('rss-2025-12-05-cs.xml'), api: fixture('api-empty.xml') });
  logged = [];
  scheduled = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
});

afterEach(async () => {
  vi.restoreAllMocks();
  scrubEnv();
  await resetStore();
  await fake.close();
});

/** An empty embedded store that the fetch would fill; DISABLE_AUTO_INGEST unset. */
const emptyStoreEnv = (extra: Record<string, string | undefined>) =>
  useTempEnv({ DISABLE_AUTO_INGEST: undefined, ARXIV_MIN_INTERVAL_MS: '100', ARXIV_TIMEOUT_MS: '500', ...fake.env(), ...extra });

describe('first-start fetch on serverless hosts', () => {
  it('runs on a plain server (the control case)', async () => {
    await emptyStoreEnv({});
    await startAutoIngest({ schedule });
    expect(fake.requestsOf('rss')).toHaveLength(1);
  });

  it.each([{ AWS_LAMBDA_FUNCTION_NAME: 'arxiv-feeds-fn' }, { VERCEL: '1' }])('does not start, log or schedule a retry with %j', async (platform) => {
    await emptyStoreEnv(platform);
    await startAutoIngest({ schedule });
    expect(fake.requests).toHaveLength(0);
    expect(scheduled).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('register() on Vercel starts no fetch', async () => {
    await emptyStoreEnv({ VERCEL: '1', NEXT_RUNTIME: 'nodejs' });
    await register();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests).toHaveLength(0);
    expect(logged).toEqual([]);
  });
});
