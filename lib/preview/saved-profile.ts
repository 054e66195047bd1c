/**
 * Reads a saved profile for `/?profile=<token>`. ADAPTER: the profiles work owns how profiles are
 * stored; until it exports a reader, this accepts the stored JSON as a bare profile or wrapped as
 * `{ profile }`, so switching to its function is one line.
 */
import { ProfileSchema, type Profile } from '../model/profile';
import type { Store } from '../store/store';

/** Tokens are opaque, URL-safe secrets; anything else is not worth a store read. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{8,128}$/;

export async function readSavedProfile(store: Pick<Store, 'getProfile'>, token: string): Promise<Profile | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const raw = await store.getProfile(token);
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const inner = value && typeof value === 'object' && 'profile' in value ? (value as { profile: unknown }).profile : value;
  const parsed = ProfileSchema.safeParse(stripExtraFields(inner));
  return parsed.success ? parsed.data : null;
}

/** Stored records may carry bookkeeping (createdAt, …) that the strict profile schema refuses. */
function stripExtraFields(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(ProfileSchema.shape);
  return Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k)));
}
