/**
 * Who is asking, for rate limits: the first address of `x-forwarded-for` (Vercel and most proxies
 * set it; the first entry is the client), else `x-real-ip`, else one shared bucket. Only used to
 * throttle, never to authorize, so a spoofed header can only spend its own budget.
 */
const MAX_ADDRESS_CHARS = 64;

export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const address = forwarded || request.headers.get('x-real-ip')?.trim() || 'unknown';
  return address.slice(0, MAX_ADDRESS_CHARS).replace(/[^0-9A-Za-z.:_-]/g, '_');
}
