/**
 * Saved per-user profiles over the Store's profiles hash: create (rate limited per client),
 * read, replace, delete. The stored value is the validated Profile itself, as JSON, so every
 * reader (ingest's category list, the preview) parses it with ProfileSchema alone.
 */
import { InputError, NotFoundError, RateLimitedError, zodToInputError } from '../errors';
import { assertLanguageOffered } from '../feed/feed-query';
import { MAX_FEEDBACK_PAPERS, ProfileSchema, type Profile } from '../model/profile';
import { PROFILE_CREATE_WINDOW_SECONDS, profileCreateCounter } from '../store/keys';
import type { Store } from '../store/store';
import type { Embedder } from '../summarize/embedding-client';
import { withProfileLock } from './profile-lock';
import { trainProfileModel, type ModelStore } from './profile-model';
import { assertProfileToken, newProfileToken } from './profile-token';

/** One saved profile, serialized, at most (the issue: "say ≤ 4 KB"), not counting its liked and disliked lists. */
export const MAX_PROFILE_BYTES = 4096;
/** An arXiv id in a JSON list, generously: `"math.GT/0309136v12", `. */
const FEEDBACK_ID_BODY_BYTES = 32;
/**
 * Request bodies above this are refused unread (413): whitespace-heavy JSON of a 4 KB profile,
 * and full liked and disliked lists, fit.
 */
export const MAX_PROFILE_BODY_BYTES = 16 * 1024 + 2 * MAX_FEEDBACK_PAPERS * FEEDBACK_ID_BODY_BYTES;
/** Profiles one client may create per window. */
export const PROFILE_CREATE_LIMIT = 5;

type ProfileStore = Pick<Store, 'getProfile' | 'putProfile' | 'deleteProfile'>;
/** Writes that may change the feedback lists train the model too, under the profile's feedback lock. */
type FeedbackWriteStore = ProfileStore & ModelStore & Pick<Store, 'acquireLock' | 'releaseLock'>;

export type ProfileWriteOptions = {
  /** Languages the deployment summarizes in (allowedSummaryLanguages); another `language` is a 400. Unset: any tag. */
  languages?: readonly string[];
  now?: number;
  /** With embeddings on, training also computes the profile's embedding points. */
  embedder?: Embedder | null;
};

/** Validates a body as a profile (400 naming each bad field) and enforces the stored-size cap. */
export function parseProfileBody(body: unknown, languages?: readonly string[]): Profile {
  const parsed = ProfileSchema.safeParse(body);
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid profile');
  assertLanguageOffered(parsed.data.language, languages);
  // The lists have their own bound (MAX_FEEDBACK_PAPERS ids each); the 4 KB are for what a person types.
  const { liked: _liked, disliked: _disliked, ...typed } = parsed.data;
  const bytes = Buffer.byteLength(JSON.stringify(typed));
  if (bytes > MAX_PROFILE_BYTES)
    throw new InputError(`Profile is ${bytes} bytes once stored; at most ${MAX_PROFILE_BYTES} are allowed (fewer or shorter terms)`, [
      { path: '(root)', message: `at most ${MAX_PROFILE_BYTES} bytes; got ${bytes}` },
    ]);
  return parsed.data;
}

/** Fixed window per client; throws RateLimitedError (429 + Retry-After until the window ends). */
export async function assertMayCreate(store: Pick<Store, 'hit'>, client: string, now = Date.now()): Promise<void> {
  const count = await store.hit(profileCreateCounter(client), PROFILE_CREATE_WINDOW_SECONDS, now);
  if (count <= PROFILE_CREATE_LIMIT) return;
  const windowMs = PROFILE_CREATE_WINDOW_SECONDS * 1000;
  const retryAfter = Math.max(1, Math.ceil((windowMs - (now % windowMs)) / 1000));
  throw new RateLimitedError(`Too many profiles created from this address: at most ${PROFILE_CREATE_LIMIT} per ${PROFILE_CREATE_WINDOW_SECONDS} s`, retryAfter);
}

export async function createProfile(
  store: FeedbackWriteStore & Pick<Store, 'hit'>,
  body: unknown,
  client: string,
  options: ProfileWriteOptions = {},
): Promise<{ token: string; profile: Profile }> {
  const profile = parseProfileBody(body, options.languages);
  await assertMayCreate(store, client, options.now ?? Date.now());
  const token = newProfileToken();
  await store.putProfile(token, JSON.stringify(profile));
  if (profile.liked?.length || profile.disliked?.length)
    await trainProfileModel(store, token, profile, new Date(options.now ?? Date.now()), { embedder: options.embedder });
  return { token, profile };
}

/** The stored profile; 400 for a malformed token, 404 when none is stored (or it no longer validates). */
export async function readProfile(store: Pick<Store, 'getProfile'>, token: string): Promise<Profile> {
  const raw = await store.getProfile(assertProfileToken(token));
  const parsed = raw === null ? null : ProfileSchema.safeParse(safeJson(raw));
  if (!parsed?.success) throw new NotFoundError('No saved profile has this token (deleted, or never created)');
  return parsed.data;
}

const sameIds = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Replaces the profile. A body without `liked` or `disliked` keeps the stored list (the page's form
 * does not carry them, and saving keywords must not forget what the reader liked); `[]` clears it.
 */
export async function replaceProfile(store: FeedbackWriteStore, token: string, body: unknown, options: ProfileWriteOptions = {}): Promise<Profile> {
  await readProfile(store, token);
  const given = parseProfileBody(body, options.languages);
  return withProfileLock(store, token, async () => {
    const stored = await readProfile(store, token);
    const profile: Profile = { ...given, liked: given.liked ?? stored.liked, disliked: given.disliked ?? stored.disliked };
    if (profile.liked === undefined) delete profile.liked;
    if (profile.disliked === undefined) delete profile.disliked;
    await store.putProfile(token, JSON.stringify(profile));
    if (!sameIds(profile.liked, stored.liked) || !sameIds(profile.disliked, stored.disliked))
      await trainProfileModel(store, token, profile, new Date(options.now ?? Date.now()), { embedder: options.embedder });
    return profile;
  });
}

export async function deleteProfile(store: ProfileStore & Pick<ModelStore, 'deleteProfileModel' | 'deleteProfileEmbedding'>, token: string): Promise<void> {
  if (!(await store.deleteProfile(assertProfileToken(token))))
    throw new NotFoundError('No saved profile has this token (deleted, or never created)');
  await Promise.all([store.deleteProfileModel(token), store.deleteProfileEmbedding(token)]);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
