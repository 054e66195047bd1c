/** GET /api/cron/summarize: Bearer CRON_SECRET required (also while unset), then one job run. */
import { describe, expect, it } from 'vitest';
import { GET, maxDuration } from '../../app/api/cron/summarize/route';
import { setupSummarize } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();


const call = (authorization?: string) =>
  GET(new Request('http://localhost/api/cron/summarize', { headers: authorization ? { authorization } : {} }));

describe('GET /api/cron/summarize', () => {
  it('answers 401 without, or with a wrong, Bearer secret and calls nothing', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    for (const auth of [undefined, 'Bearer wrong', 'cron-secret-for-tests', 'Basic cron-secret-for-tests']) {
      const response = await call(auth);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: expect.any(String) });
    }
    expect(world.fake.calls).toBe(0);
    expect(await world.fx.store.getStatus('summarize')).toBeNull();
  });

  it('answers 401 while CRON_SECRET is unset, whatever is sent', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    delete process.env.CRON_SECRET;
    (await import('../../lib/env')).resetEnvCache();
    const response = await call('Bearer ');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/CRON_SECRET is not set/);
  });

  it('runs the job with the right secret and returns its counts', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL });
    const response = await call('Bearer cron-secret-for-tests');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.state).toBe('ok');
    expect(body.counts.summarized).toBe(world.fake.calls);
    expect(body.counts.backlog).toBe(0);
    expect(await world.fx.store.getStatus('summarize')).toMatchObject({ state: 'ok', detail: { trigger: 'cron' } });
    expect(maxDuration).toBeLessThanOrEqual(60);
  });

  it('without OPENAI_API_KEY: 200, state disabled, nothing called', async () => {
    world.fx = await setupSummarize({ fakeBaseURL: null });
    const response = await call('Bearer cron-secret-for-tests');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: 'disabled', counts: { calls: 0 } });
    expect(world.fake.calls).toBe(0);
  });
});
