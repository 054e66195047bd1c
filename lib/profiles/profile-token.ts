/**
 * Saved-profile tokens: the only credential of a profile, so they must be unguessable.
 * 24 bytes from the OS CSPRNG (192 bits, above the 128 the issue asks for), base64url (URL-safe,
 * no padding) = exactly 32 characters. Anything of another shape is refused before a store read.
 */
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors';

export const PROFILE_TOKEN_BYTES = 24;
export const PROFILE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function newProfileToken(): string {
  return randomBytes(PROFILE_TOKEN_BYTES).toString('base64url');
}

export const isProfileToken = (token: string) => PROFILE_TOKEN_PATTERN.test(token);

/** Throws InputError (→ 400) for a malformed token; the message shows only its length, not the secret. */
export function assertProfileToken(token: string): string {
  if (!isProfileToken(token))
    throw new InputError(`Malformed profile token (${token.length} characters; expected 32 of A-Z a-z 0-9 _ -)`, [
      { path: 'token', message: 'must be 32 URL-safe base64 characters' },
    ]);
  return token;
}
