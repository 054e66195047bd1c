/**
 * Chooses the storage backend from env once per process: Vercel KV/Upstash REST, Redis, or the
 * embedded files (default). Both REST and Redis configured is an error, not a silent pick.
 */
import { getEnv, EnvError, type Env } from '../env';
import { createEmbeddedDriver } from './embedded-driver';
import type { KvDriver } from './driver';
import { Store } from './store';

export type BackendChoice =
  | { backend: 'embedded'; dataDir: string }
  | { backend: 'redis'; url: string }
  | { backend: 'vercel-kv'; url: string; token: string };

export function chooseBackend(env: Env): BackendChoice {
  const restUrl = env.KV_REST_API_URL ?? env.UPSTASH_REDIS_REST_URL;
  const restToken = env.KV_REST_API_TOKEN ?? env.UPSTASH_REDIS_REST_TOKEN;
  if ((restUrl || restToken) && env.REDIS_URL)
    throw new EnvError(
      'Both REDIS_URL and KV_REST_API_URL/KV_REST_API_TOKEN (or UPSTASH_REDIS_REST_*) are set: keep only the one backend you want.',
    );
  if (restUrl || restToken) {
    if (!restUrl || !restToken)
      throw new EnvError('KV_REST_API_URL and KV_REST_API_TOKEN (or UPSTASH_REDIS_REST_URL/_TOKEN) must be set together.');
    return { backend: 'vercel-kv', url: restUrl, token: restToken };
  }
  if (env.REDIS_URL) return { backend: 'redis', url: env.REDIS_URL };
  return { backend: 'embedded', dataDir: env.DATA_DIR };
}

export async function createDriver(choice: BackendChoice): Promise<KvDriver> {
  switch (choice.backend) {
    case 'embedded':
      return createEmbeddedDriver(choice.dataDir);
    case 'redis':
      return (await import('./redis-driver')).createRedisDriver(choice.url);
    case 'vercel-kv':
      return (await import('./vercel-kv-driver')).createVercelKvDriver(choice.url, choice.token);
  }
}

let shared: Promise<Store> | undefined;

/** The process-wide store for route handlers and scripts. */
export function getStore(): Promise<Store> {
  shared ??= (async () => {
    const env = getEnv();
    return new Store(await createDriver(chooseBackend(env)), env.STORE_PREFIX);
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
