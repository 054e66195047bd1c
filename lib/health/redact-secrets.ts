/**
 * Health output is public: nothing in it may reveal a secret, even when an upstream error message
 * happens to echo one (a Redis URL with its password, a bearer token, an API key in a URL), nor
 * where the data lives (the DATA_DIR path on the server, the Redis host and port, an internal
 * address a connection error names). Known values from env are replaced, then anything shaped
 * like credentials or addresses.
 */
import path from 'node:path';
import type { Env } from '../env';

const REDACTED = '[redacted]';
/** Secrets shorter than this are not searched for (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;

/** Host and port of a store URL, as error messages spell them (`10.0.0.5:6379`, `redis.internal`). */
function storeHosts(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const url = new URL(value);
    const port = url.port || (url.protocol.startsWith('redis') ? '6379' : '');
    return [url.host, url.hostname, ...(port ? [`${url.hostname}:${port}`] : [])];
  } catch {
    return [];
  }
}

/** The embedded store's folder as given and as resolved (driver messages carry the absolute path). */
const dataDirs = (dir: string | undefined) => (dir ? [path.resolve(dir), ...(path.isAbsolute(dir) || dir.includes('/') ? [dir] : [])] : []);

/** The env values that must never appear in a response: secrets, and where the store lives. */
export function secretValues(env: Partial<Env>): string[] {
  const values = [env.CRON_SECRET, env.OPENAI_API_KEY, env.EMBEDDINGS_API_KEY, env.KV_REST_API_TOKEN, env.UPSTASH_REDIS_REST_TOKEN, env.REDIS_URL];
  if (env.REDIS_URL) {
    try {
      const url = new URL(env.REDIS_URL);
      values.push(decodeURIComponent(url.password), decodeURIComponent(url.username));
    } catch {
      // not a URL: the whole value is already listed
    }
  }
  values.push(...dataDirs(env.DATA_DIR), ...[env.REDIS_URL, env.KV_REST_API_URL, env.UPSTASH_REDIS_REST_URL].flatMap(storeHosts));
  // Longest first, so `10.0.0.5:6379` goes whole before `10.0.0.5` would leave `:6379` behind.
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
}

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/(\/\/)[^/\s:@]*:[^/\s@]*@/g, `$1${REDACTED}@`],
  [/([?&](?:token|key|api_key|apikey|secret|password|access_token)=)[^&\s"']+/gi, `$1${REDACTED}`],
  // The address a connection error names (`connect ECONNREFUSED 10.0.0.5:6379`, `getaddrinfo ENOTFOUND kv.internal`).
  [/\b(ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ENOTFOUND|EAI_AGAIN|EADDRNOTAVAIL)\s+[^\s,;)'"]+/g, `$1 ${REDACTED}`],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, REDACTED],
  // A file path the system quotes (`open '/srv/app/.data/kv/x.json'`), also once DATA_DIR in it is redacted.
  [/(['"])(?:\/|\[redacted\]\/)[^'"\s]*\1/g, `$1${REDACTED}$1`],
];

export function redactSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
