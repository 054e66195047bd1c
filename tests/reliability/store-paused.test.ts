/**
 * A store server that stops answering (paused with SIGSTOP, or an endpoint that accepts requests
 * and never replies) must cost a request its deadline (STORE_TIMEOUT_MS), answered 503 with
 * Retry-After, not a hang until the server comes back; once it answers again, so does the store.
 * Redis: a private redis-server on a free port, paused and resumed. Vercel KV: the real client
 * against a local Upstash-protocol endpoint that holds requests while paused.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as health } from '../../app/api/health/route';
import { StoreUnavailableError, toHttpError } from '../../lib/errors';
import { resetStore } from '../../lib/store/open-store';
import { createRedisDriver } from '../../lib/store/redis-driver';
import { Store } from '../../lib/store/store';
import { createVercelKvDriver } from '../../lib/store/vercel-kv-driver';
import { startFakeUpstash } from '../helpers/fake-upstash';
import { useTempEnv } from '../helpers/temp-env';
import { closedPort, deleteByPrefix, probeRedis, redisGate, REDIS_TEST_URL, REQUIRE_REDIS, uniquePrefix } from '../../scripts/support/redis-test-env';

const DEADLINE_MS = 800;
/** What the old code did: wait for the server. A call still pending after this has no deadline. */
const GIVE_UP_MS = 8_000;
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/** The call's outcome and how long it took, or 'pending' when it outlived GIVE_UP_MS. */
async function timed<T>(call: Promise<T>): Promise<{ outcome: unknown; ms: number }> {
  const started = Date.now();
  const outcome = await Promise.race([call.catch((e: unknown) => e), sleep(GIVE_UP_MS).then(() => 'pending')]);
  return { outcome, ms: Date.now() - started };
}

function expectDeadline(result: { outcome: unknown; ms: number }) {
  expect(result.outcome).toBeInstanceOf(StoreUnavailableError);
  expect(result.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
  expect(result.ms).toBeLessThan(DEADLINE_MS + 1_500);
  const http = toHttpError(result.outcome);
  expect(http.status).toBe(503);
  expect(Number(http.headers['retry-after'])).toBeGreaterThan(0);
}

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL'); // a stopped process dies of SIGKILL too
  await resetStore();
});

describe.skipIf(!hasRedisServer && !REQUIRE_REDIS)('redis backend, server paused (SIGSTOP)', () => {
  it('a call rejects within the deadline while paused, and works again once resumed', async () => {
    const port = await closedPort();
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    children.push(server);
    const url = `redis://127.0.0.1:${port}`;
    await expect.poll(() => probeRedis(url, 200), { timeout: 5_000 }).toBeNull();
    const store = new Store(createRedisDriver(url, { timeoutMs: DEADLINE_MS }), 'paused:');
    await store.putStatus({ kind: 'ingest', state: 'ok', startedAt: '2025-12-18T01:00:00.000Z', counts: {} });

    server.kill('SIGSTOP');
    expectDeadline(await timed(store.getStatus('ingest')));
    // The next call (a new connection to a server that accepts but never answers) too.
    expectDeadline(await timed(store.readManifest()));

    // Through the app: STORE_TIMEOUT_MS reaches the driver, and the route answers 503 + Retry-After.
    await useTempEnv({ REDIS_URL: url, STORE_TIMEOUT_MS: String(DEADLINE_MS) });
    const answer = await timed(health());
    expect(answer.ms).toBeLessThan(DEADLINE_MS + 1_500);
    expect((answer.outcome as Response).status).toBe(503);
    expect(Number((answer.outcome as Response).headers.get('retry-after'))).toBeGreaterThan(0);

    server.kill('SIGCONT');
    expect((await store.getStatus('ingest'))?.state).toBe('ok');
    expect((await health()).status).toBe(200);
    await store.driver.close();
  }, 30_000);
});

/** Forwards to `target` while running; while paused, takes requests and answers none. */
async function startPausableProxy(target: string) {
  let paused = false;
  const held: ServerResponse[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server = createServer((req, res) => (paused ? held.push(res) : forward(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pause: () => (paused = true),
    resume: () => (paused = false),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const gate = await redisGate('vercel-kv paused endpoint');

describe.skipIf(gate.skip !== null)('vercel-kv backend, endpoint not answering', () => {
  it('a call rejects within the deadline (retries included), and works again once it answers', async () => {
    const upstash = await startFakeUpstash(REDIS_TEST_URL);
    const proxy = await startPausableProxy(upstash.url);
    const prefix = uniquePrefix('kv-paused');
    try {
      const store = new Store(createVercelKvDriver(proxy.url, upstash.token, { timeoutMs: DEADLINE_MS }), prefix);
      await store.putStatus({ kind: 'ingest', state: 'ok', startedAt: '2025-12-18T01:00:00.000Z', counts: {} });
      proxy.pause();
      expectDeadline(await timed(store.getStatus('ingest')));
      proxy.resume();
      expect((await store.getStatus('ingest'))?.state).toBe('ok');
    } finally {
      await proxy.close();
      await upstash.close();
      await deleteByPrefix(prefix);
    }
  }, 30_000);
});
