// Which backend the env selects, and that a fresh clone with no env runs on the embedded store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvError, getEnv, resetEnvCache } from '../../lib/env';
import { chooseBackend, getStore, resetStore } from '../../lib/store/open-store';
import { makeBucket } from '../helpers/make-papers';

const choose = (vars: Record<string, string>) => chooseBackend(getEnv(vars));

// Exactly what Vercel's Upstash integration injects: REST pair + TCP URLs for the SAME database.
const UPSTASH_INTEGRATION = {
  KV_REST_API_URL: 'https://apt-gull-12345.upstash.io',
  KV_REST_API_TOKEN: 'AXXXtoken',
  KV_REST_API_READ_ONLY_TOKEN: 'ArrrReadOnly',
  KV_URL: 'rediss://default:AXXXtoken@apt-gull-12345.upstash.io:6379',
  REDIS_URL: 'rediss://default:AXXXtoken@apt-gull-12345.upstash.io:6379',
};

describe('chooseBackend', () => {
  it('defaults to the embedded store under DATA_DIR (.data)', () => {
    expect(choose({})).toEqual({ backend: 'embedded', dataDir: '.data' });
    expect(choose({ DATA_DIR: '/tmp/x' })).toEqual({ backend: 'embedded', dataDir: '/tmp/x' });
  });

  it('REDIS_URL selects Redis', () => {
    expect(choose({ REDIS_URL: 'redis://localhost:6379' })).toEqual({ backend: 'redis', url: 'redis://localhost:6379' });
  });

  it('KV_REST_API_* or UPSTASH_REDIS_REST_* select Vercel KV', () => {
    expect(choose({ KV_REST_API_URL: 'https://a.upstash.io', KV_REST_API_TOKEN: 't' })).toEqual({
      backend: 'vercel-kv',
      url: 'https://a.upstash.io',
      token: 't',
    });
    expect(choose({ UPSTASH_REDIS_REST_URL: 'https://b.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'u' })).toEqual({
      backend: 'vercel-kv',
      url: 'https://b.upstash.io',
      token: 'u',
    });
  });

  it('a REST URL without its token (or the reverse) names both variables', () => {
    expect(() => choose({ KV_REST_API_URL: 'https://a.upstash.io' })).toThrow(/KV_REST_API_URL and KV_REST_API_TOKEN/);
    expect(() => choose({ UPSTASH_REDIS_REST_TOKEN: 'x' })).toThrow(EnvError);
  });

  it('REDIS_URL and a REST pair for different servers is a start-up error naming the variables, never a silent pick', () => {
    const vars = { REDIS_URL: 'redis://:pw@redis.example.com:6379', KV_REST_API_URL: 'https://other.upstash.io', KV_REST_API_TOKEN: 'tok' };
    expect(() => choose(vars)).toThrow(EnvError);
    let message = '';
    try {
      choose(vars);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('KV_REST_API_URL');
    expect(message).toContain('STORE_BACKEND');
    expect(message).not.toContain('pw'); // hosts only, never credentials
    expect(message).not.toContain('tok');
    expect(() => choose({ REDIS_URL: 'redis://r.example.com', UPSTASH_REDIS_REST_URL: 'https://u.upstash.io', UPSTASH_REDIS_REST_TOKEN: 't' })).toThrow(
      /UPSTASH_REDIS_REST_URL/,
    );
  });

  it("Vercel's Upstash integration (REST + REDIS_URL of the same database) is not a conflict: REST wins", () => {
    expect(choose(UPSTASH_INTEGRATION)).toEqual({ backend: 'vercel-kv', url: UPSTASH_INTEGRATION.KV_REST_API_URL, token: 'AXXXtoken' });
  });

  it('STORE_BACKEND settles an ambiguous mix explicitly', () => {
    const both = { REDIS_URL: 'redis://r.example.com:6379', KV_REST_API_URL: 'https://k.upstash.io', KV_REST_API_TOKEN: 't' };
    expect(choose({ ...both, STORE_BACKEND: 'redis' })).toEqual({ backend: 'redis', url: 'redis://r.example.com:6379' });
    expect(choose({ ...both, STORE_BACKEND: 'vercel-kv' })).toMatchObject({ backend: 'vercel-kv' });
    expect(choose({ ...both, STORE_BACKEND: 'embedded' })).toMatchObject({ backend: 'embedded' });
    expect(() => choose({ STORE_BACKEND: 'redis' })).toThrow(/REDIS_URL/);
    expect(() => choose({ STORE_BACKEND: 'sqlite' })).toThrow(/STORE_BACKEND/);
  });

  it('a malformed REDIS_URL fails naming the variable', () => {
    expect(() => choose({ REDIS_URL: 'http://localhost:6379' })).toThrow(/REDIS_URL/);
  });
});

describe('getStore on a fresh clone (no store env at all)', () => {
  const saved = { ...process.env };
  afterEach(async () => {
    await resetStore();
    process.env = { ...saved };
    resetEnvCache();
  });

  it('runs on the embedded store and survives a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'af-fresh-'));
    try {
      for (const k of ['REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'STORE_BACKEND'])
        vi.stubEnv(k, '');
      vi.stubEnv('DATA_DIR', dir);
      resetEnvCache();
      const store = await getStore();
      expect(store.backend).toBe('embedded');
      await store.commitDay('2025-11-21', { 'cs.LG': makeBucket('2025-11-21', 'cs.LG', 2, 0) });

      await resetStore(); // "restart"
      const again = await getStore();
      expect(again).not.toBe(store);
      expect((await again.readWindow({ sources: ['cs.LG'], days: 1 })).entries).toHaveLength(2);
    } finally {
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates the Vercel KV client lazily: choosing it touches no network and throws nothing', async () => {
    vi.stubEnv('KV_REST_API_URL', 'http://127.0.0.1:9');
    vi.stubEnv('KV_REST_API_TOKEN', 'tok');
    vi.stubEnv('REDIS_URL', '');
    resetEnvCache();
    try {
      const store = await getStore();
      expect(store.backend).toBe('vercel-kv');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
