/**
 * What one ingest run asks arXiv for: ARXIV_CATEGORIES, then the categories of saved profiles,
 * then categories readers asked for in the last REQUESTED_CATEGORY_DAYS (every feed or page that
 * shows such a category asks again, so a category nobody reads any more stops being fetched), of
 * those only the MAX_REQUESTED_CATEGORIES most recently requested: anyone can request categories
 * with a GET, and only the operator and saved profiles may make the daily fetch grow beyond that.
 * Unknown names are dropped (one bad
 * name would turn arXiv's whole answer into an error feed) and the list is capped so the one RSS
 * URL stays reasonable.
 */
import type { Env } from '../../env';
import { isValidCategoryOrArchive } from '../../model/taxonomy';
import { ProfileSchema } from '../../model/profile';
import { capRequested, requestedSince } from '../../store/requested-categories';
import type { Store } from '../../store/store';

/** Sources per run at most (the taxonomy has 155 categories in 20 archives). */
export const MAX_SOURCES = 100;

/** `requestedOverCap`: requested categories left out as less recently requested than the MAX_REQUESTED_CATEGORIES taken. */
export type SourceChoice = { sources: string[]; ignored: string[]; requestedOverCap?: string[] };

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
  const [profiles, requested] = await Promise.all([store.listProfiles(), store.requestedCategories(requestedSince(now))]);
  const fetchedAnyway = new Set([...env.ARXIV_CATEGORIES, ...profileCategories(profiles)]);
  const { kept, overCap } = capRequested(requested, (c) => fetchedAnyway.has(c));
  return { ...capSources([...fetchedAnyway, ...kept]), ...(overCap.length && { requestedOverCap: overCap }) };
}
