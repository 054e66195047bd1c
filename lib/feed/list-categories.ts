/** The category picker's data: the taxonomy plus which categories the store already serves. */
import { ARCHIVES, CATEGORIES } from '../model/taxonomy';
import type { Store } from '../store/store';
import { isServed, storedSources } from '../select/category-sources';

export type CategoryListing = {
  categories: { id: string; name: string; archive: string; group: string; ingested: boolean }[];
  archives: { id: string; ingested: boolean }[];
  /** Sources (categories/archives) the store holds buckets for. */
  ingested: string[];
};

export async function listCategories(store: Pick<Store, 'readManifest'>): Promise<CategoryListing> {
  const stored = storedSources(await store.readManifest());
  return {
    categories: CATEGORIES.map((c) => ({ ...c, ingested: isServed(c.id, stored) })),
    archives: ARCHIVES.map((id) => ({ id, ingested: isServed(id, stored) })),
    ingested: [...stored].sort(),
  };
}
