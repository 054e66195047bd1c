/**
 * Health output is public: nothing in it may reveal a secret, even when an upstream error message
 * happens to echo one (a Redis URL with its password, a bearer token, an API key in a URL).
 * Known secret values from env are replaced, then anything shaped like credentials.
 */
import type { Env } from '../env';

const REDACTED = '[redacted]';
/** Secrets shorter than this are not searched for (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;

/** The env values that must never appear in a response. */
export function secretValues(env: Partial<Env>): string[] {
  const values = [env.CRON_SECRET, env.OPENAI_API_KEY, env.KV_REST_API_TOKEN, env.UPSTASH_REDIS_REST_TOKEN, env.REDIS_URL];
  if (env.REDIS_URL) {
    try {
      const url = new URL(env.REDIS_URL);
      values.push(decodeURIComponent(url.password), decodeURIComponent(url.username));
    } catch {
      // not a URL: the whole value is already listed
    }
  }
  return values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
}

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/(\/\/)[^/\s:@]*:[^/\s@]*@/g, `$1${REDACTED}@`],
  [/([?&](?:token|key|api_key|apikey|secret|password|access_token)=)[^&\s"']+/gi, `$1${REDACTED}`],
];

export function redactSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
