/**
 * Who is asking, for rate limits: only an address the client cannot write itself.
 * - On Vercel, the address Vercel writes (`x-vercel-forwarded-for`, else `x-real-ip`); Vercel
 *   replaces whatever the client sent. https://vercel.com/docs/headers/request-headers
 * - Behind `TRUST_PROXY=n` proxies that append to `X-Forwarded-For`, the n-th entry from the right:
 *   the entries left of it are the client's own text.
 * - Otherwise one shared bucket. Next.js route handlers never see the socket address (Next only
 *   copies it into `X-Forwarded-For` when the client sent none), so no header is trusted.
 * Only used to throttle, never to authorize.
 */
import type { Env } from '../env';
import { forwardedEntry } from '../feed/request-origin';

const MAX_ADDRESS_CHARS = 64;
/** The bucket of every request whose address cannot be trusted. */
export const UNKNOWN_CLIENT = 'unknown';

export type ClientAddressEnv = Pick<Env, 'VERCEL' | 'TRUST_PROXY'>;

/** A shorter chain came through fewer proxies: its first entry is then the one a trusted proxy wrote. */
const forwardedFor = (request: Request, hops: number) => forwardedEntry(request.headers, 'x-forwarded-for', hops) || null;

function platformAddress(request: Request): string | null {
  const vercel = request.headers.get('x-vercel-forwarded-for')?.split(',')[0]?.trim();
  return vercel || request.headers.get('x-real-ip')?.trim() || null;
}

/** TRUST_PROXY ≥ 1 wins (a proxy in front of Vercel too); `0` or unset trusts no `X-Forwarded-For`. */
export function clientAddress(request: Request, env: ClientAddressEnv): string {
  const hops = env.TRUST_PROXY ?? 0;
  const address = hops > 0 ? forwardedFor(request, hops) : env.VERCEL ? platformAddress(request) : null;
  return (address ?? UNKNOWN_CLIENT).slice(0, MAX_ADDRESS_CHARS).replace(/[^0-9A-Za-z.:_-]/g, '_');
}
