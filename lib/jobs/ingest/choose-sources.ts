/**
 * What one ingest run asks arXiv for: ARXIV_CATEGORIES, then the categories of saved profiles,
 * then categories readers asked for in the last REQUESTED_CATEGORY_DAYS (every feed or page that
 * shows such a category asks again, so a category nobody reads any more stops being fetched).
 * Unknown names are dropped (one bad
 * name would turn arXiv's whole answer into an error feed) and the list is capped so the one RSS
 * URL stays reasonable.
 */
import type { Env } from '../../env';
import { isValidCategoryOrArchive } from '../../model/taxonomy';
import { ProfileSchema } from '../../model/profile';
import type { Store } from '../../store/store';

/** Sources per run at most (the taxonomy has 155 categories in 20 archives). */
export const MAX_SOURCES = 100;
/** A requested category is ingested this long after the last feed or page that asked for it. */
export const REQUESTED_CATEGORY_DAYS = 30;

export type SourceChoice = { sources: string[]; ignored: string[] };

export function capSources(candidates: string[]): SourceChoice {
  const unique = [...new Set(candidates.map((c) => c.trim()).filter(Boolean))];
  const valid = unique.filter(isValidCategoryOrArchive);
  const invalid = unique.filter((c) => !isValidCategoryOrArchive(c));
  return { sources: valid.slice(0, MAX_SOURCES), ignored: [...invalid, ...valid.slice(MAX_SOURCES)] };
}

function profileCategories(profiles: Record<string, string>): string[] {
  return Object.values(profiles).flatMap((raw) => {
    try {
      const parsed = ProfileSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data.categories : [];
    } catch {
      return [];
    }
  });
}

export async function chooseSources(
  store: Pick<Store, 'listProfiles' | 'requestedCategories'>,
  env: Pick<Env, 'ARXIV_CATEGORIES'>,
  now = new Date(),
): Promise<SourceChoice> {
  const since = new Date(now.getTime() - REQUESTED_CATEGORY_DAYS * 86_400_000);
  const [profiles, requested] = await Promise.all([store.listProfiles(), store.requestedCategories(since)]);
  return capSources([...env.ARXIV_CATEGORIES, ...profileCategories(profiles), ...requested]);
}
