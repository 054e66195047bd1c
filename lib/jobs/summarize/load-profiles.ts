/**
 * The profiles whose papers deserve a summary: the default profile, every saved profile, then the
 * anonymous `/api/feed?…` selections readers keep polling (read on SELECTION_MIN_READ_DAYS days or
 * more, most read first), so a feed URL copied from the builder gets the summaries it promises.
 * Selections rank after the profiles (`priority`): within the run's caps the saved profiles are
 * served first, then the most read selection, then the next.
 * Saved records are read in one call (`listProfiles`), selections in another
 * (`listReadSelections`); a record that no longer validates is skipped, not fatal.
 */
import type { Env } from '../../env';
import { getDefaultProfile } from '../../select/default-profile';
import { ProfileSchema, type Profile } from '../../model/profile';
import type { Store } from '../../store/store';

export type NamedProfile = {
  name: string;
  profile: Profile;
  /** Lower is served first when the run cannot make every summary wanted. @default 0 (the default and saved profiles) */
  priority?: number;
};

/**
 * A selection read on one day only is most often a look at a link, not a subscription: feed
 * readers poll daily, so a kept feed qualifies on its second day (its own feed requests drain a
 * few of its summaries meanwhile).
 */
export const SELECTION_MIN_READ_DAYS = 2;

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

export async function loadProfiles(
  store: Pick<Store, 'listProfiles' | 'listReadSelections'>,
  env: Env,
  log?: (line: string) => void,
  now = new Date(),
): Promise<NamedProfile[]> {
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
  // A selection that is the default profile or a saved one already has its summaries made.
  const known = new Set(profiles.map((p) => JSON.stringify(p.profile)));
  const polled = (await store.listReadSelections(now)).filter((s) => s.readDays >= SELECTION_MIN_READ_DAYS && !known.has(JSON.stringify(s.profile)));
  for (const [i, { profile }] of polled.entries()) profiles.push({ name: `selection#${i}`, profile, priority: 1 + i });
  return profiles;
}
