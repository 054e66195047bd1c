/**
 * GET /api/health as one call: env, backend choice, store checks, response. A configuration
 * error (bad env, or no usable store such as none on Vercel) is reported as such: `misconfigured`,
 * 500 without Retry-After, naming the variable (never its value) and, where known, the fix.
 */
import { EnvError, getEnv } from '../env';
import { json } from './respond';
import { chooseBackend, getStore } from '../store/open-store';
import { checkHealth, HEALTH_RETRY_AFTER_SECONDS, type HealthResult } from '../health/check-health';
import { APP_VERSION } from '../health/app-version';

export function healthResponse(result: HealthResult): Response {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (result.httpStatus === 503) headers['retry-after'] = String(HEALTH_RETRY_AFTER_SECONDS);
  return json(result.report, { status: result.httpStatus, headers });
}

export async function serveHealth(now = new Date()): Promise<Response> {
  let env;
  let backend;
  try {
    env = getEnv();
    backend = chooseBackend(env).backend;
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    const fix = err.fix === undefined ? {} : { fix: err.fix, ...(err.docsUrl && { docs: err.docsUrl }) };
    return json(
      { status: 'misconfigured', problems: [err.message], ...fix, version: APP_VERSION, checkedAt: now.toISOString() },
      { status: 500, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } },
    );
  }
  return healthResponse(await checkHealth({ openStore: getStore, backend, env, now }));
}
