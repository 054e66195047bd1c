/**
 * The profiles whose papers deserve a summary: the default profile and every saved profile.
 * Saved records are read in one call (`listProfiles`); a record that no longer validates is
 * skipped, not fatal.
 */
import type { Env } from '../../env';
import { getDefaultProfile } from '../../select/default-profile';
import { ProfileSchema, type Profile } from '../../model/profile';
import type { Store } from '../../store/store';

export type NamedProfile = { name: string; profile: Profile };

/** Stored records may carry bookkeeping fields (createdAt, …) that the strict schema refuses. */
function profileFields(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(ProfileSchema.shape);
  return Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k)));
}

export function parseSavedProfile(raw: string): Profile | null {
  try {
    const parsed = ProfileSchema.safeParse(profileFields(JSON.parse(raw)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function loadProfiles(store: Pick<Store, 'listProfiles'>, env: Env, log?: (line: string) => void): Promise<NamedProfile[]> {
  const profiles: NamedProfile[] = [];
  try {
    profiles.push({ name: 'default', profile: getDefaultProfile(env) });
  } catch (err) {
    // A broken default profile breaks `/` too and says so there; saved profiles still get summaries.
    log?.(`default profile skipped: ${(err as Error).message}`);
  }
  const saved = await store.listProfiles();
  for (const raw of Object.values(saved)) {
    const profile = parseSavedProfile(raw);
    // Tokens are secrets: logs and counts name saved profiles by position only.
    if (profile) profiles.push({ name: `saved#${profiles.length}`, profile });
  }
  return profiles;
}
