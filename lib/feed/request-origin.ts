/**
 * The origin every absolute URL is built on (feed self/home links, a saved profile's URLs, OPML,
 * the page's links): PUBLIC_BASE_URL when set, else the `Host` the reader used. `next start`
 * builds `request.url` on its own `localhost:<port>` whatever Host arrived, so the URL alone
 * would hand out links that only work on the server itself.
 * `X-Forwarded-Host`/`-Proto` are read only when the deployment trusts a proxy to set them
 * (TRUST_PROXY, or Vercel): elsewhere any client can send them. A header value that is not a bare
 * host[:port] is ignored, so a crafted Host can never put a path, credentials or markup in a link.
 */
import { trustedProxyHops, type Env } from '../env';

export type OriginEnv = Pick<Env, 'PUBLIC_BASE_URL' | 'TRUST_PROXY' | 'VERCEL'>;

/** What the origin is read from; the page passes `next/headers` and a stand-in URL. */
export type OriginSource = { url: string; headers: Pick<Headers, 'get'> };

// A DNS name or IPv4 address, or a bracketed IPv6 literal; an optional port.
const HOST_PATTERN = /^(?:[A-Za-z0-9_.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * The entry the outermost trusted proxy wrote: each proxy appends to the list, so with `hops`
 * proxies it is the `hops`-th from the right; anything left of it came from the client.
 */
export function forwardedEntry(headers: OriginSource['headers'], name: string, hops: number): string | undefined {
  const entries = headers.get(name)?.split(',').map((s) => s.trim());
  if (!entries) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}

function originOf(protocol: string, host: string | null | undefined): string | null {
  if (!host || !HOST_PATTERN.test(host)) return null;
  try {
    return new URL(`${protocol}//${host}`).origin;
  } catch {
    // A port over 65535, an IPv6 literal that is not one.
    return null;
  }
}

export function requestOrigin(request: OriginSource, env: OriginEnv): string {
  if (env.PUBLIC_BASE_URL) return new URL(env.PUBLIC_BASE_URL).origin;
  const own = new URL(request.url);
  const hops = trustedProxyHops(env);
  const forwardedProto = hops > 0 ? forwardedEntry(request.headers, 'x-forwarded-proto', hops)?.toLowerCase() : undefined;
  // Not `own.protocol`: Next.js derives that from X-Forwarded-Proto, trusted or not.
  const protocol = forwardedProto === 'https' ? 'https:' : 'http:';
  const forwardedHost = hops > 0 ? forwardedEntry(request.headers, 'x-forwarded-host', hops) : undefined;
  return originOf(protocol, forwardedHost) ?? originOf(protocol, request.headers.get('host')) ?? own.origin;
}
