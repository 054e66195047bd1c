/**
 * Cron and admin routes require `Authorization: Bearer $CRON_SECRET` — everywhere, not only on
 * Vercel. While CRON_SECRET is unset every call is refused, with a message saying how to fix it.
 * The comparison is constant-time over SHA-256 digests so neither content nor length leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function assertCronAuthorized(authorization: string | null, secret: string | undefined): void {
  if (!secret) throw new UnauthorizedError('CRON_SECRET is not set on the server: set it to enable cron routes (Vercel sends it as a Bearer token).');
  const presented = authorization?.match(/^Bearer (.+)$/)?.[1] ?? '';
  if (!timingSafeEqual(digest(presented), digest(secret))) throw new UnauthorizedError('Missing or wrong Authorization: Bearer <CRON_SECRET>.');
}
