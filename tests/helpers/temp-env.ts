/**
 * Points process.env at a fresh temp embedded store (unique DATA_DIR) and resets the env and
 * store singletons, so route handlers imported in a test read exactly this environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvSchema, resetEnvCache } from '../../lib/env';
import { resetStore } from '../../lib/store/open-store';

/**
 * Every variable the env schema reads, plus the platform's own: what a developer's shell (or a
 * Vercel build) might carry that would change what the code does. Derived from the schema, so a
 * new variable is cleared without anyone remembering to add it here.
 */
const PLATFORM_VARIABLES = ['VERCEL', 'VERCEL_ENV', 'VERCEL_URL', 'NEXT_RUNTIME', 'NEXT_PHASE', 'DATA_DIR', 'STORE_PREFIX', 'DISABLE_AUTO_INGEST'];
export const SCRUBBED_VARIABLES = [...new Set([...Object.keys(EnvSchema.shape), ...PLATFORM_VARIABLES])];

/** Deletes every variable that changes behaviour; the one env-scrubbing step all tests share. */
export function scrubEnv(): void {
  for (const k of SCRUBBED_VARIABLES) delete process.env[k];
}

export function tempDir(prefix = 'af-rel-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Fresh DATA_DIR (or the given one) plus `extra`; `undefined` in extra deletes the variable. */
export async function useTempEnv(extra: Record<string, string | undefined> = {}): Promise<string> {
  const dir = extra.DATA_DIR ?? tempDir();
  scrubEnv();
  Object.assign(process.env, { DATA_DIR: dir, DISABLE_AUTO_INGEST: '1', STORE_PREFIX: 'af:' });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  await resetStore();
  return dir;
}
