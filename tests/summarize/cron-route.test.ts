/** GET /api/cron/summarize: Bearer CRON_SECRET required (also while unset), then one job run. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET, maxDuration } from '../../app/api/cron/summarize/route';
import { FakeOpenAi } from '../helpers/fake-openai';
import { setupSummarize, type SummarizeFixture } from './summarize-setup';

let fake: FakeOpenAi;
let fx: SummarizeFixture | undefined;

beforeAll(async () => {
  fake = await FakeOpenAi.start();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  await fx?.cleanup();
  fx = undefined;
  fake.requests.length = 0;
});

const call = (authorization?: string) =>
  GET(new Request('http://localhost/api/cron/summarize', { headers: authorization ? { authorization } : {} }));

describe('GET /api/cron/summarize', () => {
  it('answers 401 without, or with a wrong, Bearer secret and calls nothing', async () => {
    fx = await setupSummarize({ fakeBaseURL: fake.baseURL });
    for (const auth of [undefined, 'Bearer wrong', 'cron-secret-for-tests', 'Basic cron-secret-for-tests']) {
      const response = await call(auth);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: expect.any(String) });
    }
    expect(fake.calls).toBe(0);
    expect(await fx.store.getStatus('summarize')).toBeNull();
  });

  it('answers 401 while CRON_SECRET is unset, whatever is sent', async () => {
    fx = await setupSummarize({ fakeBaseURL: fake.baseURL });
    delete process.env.CRON_SECRET;
    (await import('../../lib/env')).resetEnvCache();
    const response = await call('Bearer ');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/CRON_SECRET is not set/);
  });

  it('runs the job with the right secret and returns its counts', async () => {
    fx = await setupSummarize({ fakeBaseURL: fake.baseURL });
    const response = await call('Bearer cron-secret-for-tests');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.state).toBe('ok');
    expect(body.counts.summarized).toBe(fake.calls);
    expect(body.counts.backlog).toBe(0);
    expect(await fx.store.getStatus('summarize')).toMatchObject({ state: 'ok', detail: { trigger: 'cron' } });
    expect(maxDuration).toBeLessThanOrEqual(60);
  });

  it('without OPENAI_API_KEY: 200, state disabled, nothing called', async () => {
    fx = await setupSummarize({ fakeBaseURL: null });
    const response = await call('Bearer cron-secret-for-tests');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: 'disabled', counts: { calls: 0 } });
    expect(fake.calls).toBe(0);
  });
});
