/**
 * The arXiv category taxonomy used to validate `cats` and to power the category picker.
 * Source: https://arxiv.org/category_taxonomy (PLACEHOLDER: to be completed by the ingest work).
 */
export type Category = { id: string; name: string; archive: string; group: string };

export const CATEGORIES: Category[] = [
  { id: 'cs.AI', name: 'Artificial Intelligence', archive: 'cs', group: 'Computer Science' },
  { id: 'cs.CL', name: 'Computation and Language', archive: 'cs', group: 'Computer Science' },
  { id: 'cs.DC', name: 'Distributed, Parallel, and Cluster Computing', archive: 'cs', group: 'Computer Science' },
  { id: 'cs.LG', name: 'Machine Learning', archive: 'cs', group: 'Computer Science' },
  { id: 'quant-ph', name: 'Quantum Physics', archive: 'quant-ph', group: 'Physics' },
];

const BY_ID = new Map(CATEGORIES.map((c) => [c.id, c]));
export const ARCHIVES = [...new Set(CATEGORIES.map((c) => c.archive))];

export const isKnownCategory = (id: string) => BY_ID.has(id);
export const isArchive = (id: string) => ARCHIVES.includes(id);
/** A category (`cs.LG`, `quant-ph`) or a whole archive (`cs`, `math`). */
export const isValidCategoryOrArchive = (id: string) => isKnownCategory(id) || isArchive(id);
export const categoryName = (id: string) => BY_ID.get(id)?.name;
