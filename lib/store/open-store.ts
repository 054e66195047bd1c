/**
 * Chooses the storage backend from env once per process: Vercel KV/Upstash REST, Redis, or the
 * embedded files (default). REST and Redis configured for two different servers is an error naming
 * the variables, not a silent pick; so is the embedded store on Vercel.
 */
import { getEnv, EnvError, type Env } from '../env';
import { createEmbeddedDriver } from './embedded-driver';
import type { DriverOptions, KvDriver } from './driver';
import { Store } from './store';
import { VERSION_MEMO_MS } from './version-memo';

export type BackendChoice =
  | { backend: 'embedded'; dataDir: string }
  | { backend: 'redis'; url: string }
  | { backend: 'vercel-kv'; url: string; token: string };

/** Host of a URL, or null when it does not parse (never the credentials in it). */
const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
};

/** The README's Vercel section: which integration to add, and why the embedded store cannot work there. */
export const VERCEL_STORE_DOCS_URL = 'https://github.com/arxiv-feeds/arxiv-feeds#vercel';
export const VERCEL_STORE_FIX = 'Add the Upstash for Redis integration: Vercel → Project → Storage → Create/Connect → Upstash, then redeploy.';

/**
 * A Vercel function's disk is read-only except /tmp, and /tmp belongs to one instance and is gone
 * when it is recycled: an embedded store there would answer every instance differently and lose
 * what the crons stored. That is a setup to fix, not an outage to wait out.
 */
function refuseEmbeddedOnVercel(): never {
  throw new EnvError(
    'No shared store is configured, and the embedded store (DATA_DIR) cannot work on Vercel: each function instance has its own temporary disk. ' +
      'Set KV_REST_API_URL and KV_REST_API_TOKEN (Upstash), or REDIS_URL.',
    { variables: ['KV_REST_API_URL', 'KV_REST_API_TOKEN', 'REDIS_URL'], fix: VERCEL_STORE_FIX, docsUrl: VERCEL_STORE_DOCS_URL },
  );
}

/** The backend the env selects; on Vercel, never the embedded store (not even STORE_BACKEND=embedded). */
export function chooseBackend(env: Env): BackendChoice {
  const choice = chooseFromVariables(env);
  if (choice.backend === 'embedded' && env.VERCEL) refuseEmbeddedOnVercel();
  return choice;
}

/**
 * Vercel's Upstash integration injects KV_REST_API_URL/_TOKEN *and* REDIS_URL (plus KV_URL) for the
 * same database. That is one store reachable two ways, not a conflict: use REST (no socket per
 * function). Two different servers are ambiguous and refused unless STORE_BACKEND says which.
 */
function chooseFromVariables(env: Env): BackendChoice {
  const restUrl = env.KV_REST_API_URL ?? env.UPSTASH_REDIS_REST_URL;
  const restToken = env.KV_REST_API_TOKEN ?? env.UPSTASH_REDIS_REST_TOKEN;
  const rest = (): BackendChoice => {
    if (!restUrl || !restToken)
      throw new EnvError('KV_REST_API_URL and KV_REST_API_TOKEN (or UPSTASH_REDIS_REST_URL/_TOKEN) must be set together.');
    return { backend: 'vercel-kv', url: restUrl, token: restToken };
  };
  const redis = (): BackendChoice => {
    if (!env.REDIS_URL) throw new EnvError('STORE_BACKEND=redis needs REDIS_URL (redis:// or rediss://).');
    return { backend: 'redis', url: env.REDIS_URL };
  };

  switch (env.STORE_BACKEND) {
    case 'embedded':
      return { backend: 'embedded', dataDir: env.DATA_DIR };
    case 'redis':
      return redis();
    case 'vercel-kv':
      return rest();
  }
  if ((restUrl || restToken) && env.REDIS_URL) {
    const sameDatabase = restUrl && hostOf(restUrl) !== null && hostOf(restUrl) === hostOf(env.REDIS_URL);
    if (sameDatabase) return rest();
    throw new EnvError(
      `Both REDIS_URL (host ${hostOf(env.REDIS_URL) ?? '?'}) and KV_REST_API_URL/KV_REST_API_TOKEN or UPSTASH_REDIS_REST_URL/_TOKEN ` +
        `(host ${restUrl ? (hostOf(restUrl) ?? '?') : 'unset'}) are set and point to different stores: ` +
        'keep only the one you want, or set STORE_BACKEND=redis or STORE_BACKEND=vercel-kv.',
    );
  }
  if (restUrl || restToken) return rest();
  if (env.REDIS_URL) return redis();
  return { backend: 'embedded', dataDir: env.DATA_DIR };
}

/** `options.timeoutMs` (STORE_TIMEOUT_MS) bounds every call to the network backends. */
export async function createDriver(choice: BackendChoice, options: DriverOptions = {}): Promise<KvDriver> {
  switch (choice.backend) {
    case 'embedded':
      return createEmbeddedDriver(choice.dataDir);
    case 'redis':
      return (await import('./redis-driver')).createRedisDriver(choice.url, options);
    case 'vercel-kv':
      return (await import('./vercel-kv-driver')).createVercelKvDriver(choice.url, choice.token, options);
  }
}

let shared: Promise<Store> | undefined;

/** The process-wide store for route handlers and scripts. */
export function getStore(): Promise<Store> {
  shared ??= (async () => {
    const env = getEnv();
    const driver = await createDriver(chooseBackend(env), { timeoutMs: env.STORE_TIMEOUT_MS });
    return new Store(driver, env.STORE_PREFIX, { versionMemoMs: VERSION_MEMO_MS });
  })();
  shared.catch(() => (shared = undefined));
  return shared;
}

/** Tests swap env between cases. */
export async function resetStore(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current.catch(() => null))?.driver.close();
}
