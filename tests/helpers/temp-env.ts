/**
 * Points process.env at a fresh temp embedded store (unique DATA_DIR) and resets the env and
 * store singletons, so route handlers imported in a test read exactly this environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resetEnvCache } from '../../lib/env';
import { resetStore } from '../../lib/store/open-store';

/** Every variable a developer's shell might carry that would change what the routes do. */
const CLEARED = [
  'CRON_SECRET', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'PUBLIC_BASE_URL', 'ARXIV_CATEGORIES', 'PROFILE_CONFIG',
  'STORE_BACKEND', 'REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN',
  'DEFAULT_KEYWORDS', 'DEFAULT_EXCLUDE', 'DEFAULT_AUTHORS', 'DEFAULT_MIN_SCORE', 'DEFAULT_LIMIT',
  'ARXIV_RSS_URL', 'ARXIV_API_URL', 'ARXIV_MIN_INTERVAL_MS', 'ARXIV_TIMEOUT_MS', 'SUMMARY_MODEL', 'SUMMARY_LANGUAGE',
];

export function tempDir(prefix = 'af-rel-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Fresh DATA_DIR (or the given one) plus `extra`; `undefined` in extra deletes the variable. */
export async function useTempEnv(extra: Record<string, string | undefined> = {}): Promise<string> {
  const dir = extra.DATA_DIR ?? tempDir();
  for (const k of CLEARED) delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dir, DISABLE_AUTO_INGEST: '1', STORE_PREFIX: 'af:' });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  await resetStore();
  return dir;
}
