/**
 * "Start from papers I already know": arXiv ids, URLs, or a BibTeX / RIS / CSL JSON export
 * (import-entries.ts) become likes of a saved profile. Papers whose text neither the training
 * window nor the stored model has are fetched from the arXiv API (fetch-by-id.ts, through the
 * global throttle) before the profile's lock is taken, and trained on as feedback papers: their
 * sketches in the stored model keep them learnable. The answer says what was added, what was
 * liked already, and each record that could not be resolved, with why.
 */
import { z } from 'zod';
import { arxivUserAgent } from '../arxiv/user-agent';
import { fetchPapersById, type FetchByIdResult } from '../arxiv/fetch-by-id';
import type { SlotStore } from '../arxiv/arxiv-slot';
import type { Env } from '../env';
import { InputError, PayloadTooLargeError, zodToInputError } from '../errors';
import type { Paper } from '../model/paper';
import type { Profile } from '../model/profile';
import type { Store } from '../store/store';
import type { Embedder } from '../summarize/embedding-client';
import { applyFeedback } from './feedback';
import { readImportEntries, type ImportFormat } from './import-entries';
import { withProfileLock } from './profile-lock';
import { readProfileModel, readTrainingWindow, trainProfileModel, type ModelStore } from './profile-model';
import { readProfile } from './saved-profiles';

/** Text imported at once at most: a reference library of a few thousand entries. */
export const MAX_IMPORT_TEXT_BYTES = 1024 * 1024;
/** The request body: the text in JSON, whose escaping (`\n`, `\"`) can add a third. */
export const MAX_IMPORT_BODY_BYTES = Math.ceil(MAX_IMPORT_TEXT_BYTES * 1.5);
/** Records per import at most, as many as a list of likes holds. */
export const MAX_IMPORT_ENTRIES = 500;
/** Time the import may spend asking arXiv (five requests of 100 ids, 3 s apart). */
export const IMPORT_FETCH_BUDGET_MS = 25_000;

const ImportBodySchema = z.strictObject({
  text: z.string().min(1, 'paste arXiv ids or URLs, or a BibTeX, RIS or CSL JSON export'),
  /** The uploaded file's name, for nothing but the log of a person reading it. */
  filename: z.string().max(255).optional(),
});

export type Unresolved = { entry: string; reason: string };

export type ImportResult = {
  format: ImportFormat;
  /** Records read (entries, RIS records, CSL items, or lines of a list). */
  entries: number;
  added: number;
  alreadyLiked: number;
  unresolved: Unresolved[];
  /** Papers fetched from arXiv to learn from (not in the store's training window). */
  fetched: number;
  /** Liked, but arXiv could not be asked for their text (`arxivError` says why): learned from once seen. */
  notFetched: number;
  arxivError: string | null;
  /** Oldest likes dropped to stay within the list's size. */
  dropped: string[];
  liked: number;
  disliked: number;
};

export type ImportEnv = Pick<Env, 'ARXIV_API_URL' | 'ARXIV_MIN_INTERVAL_MS' | 'ARXIV_TIMEOUT_MS' | 'ARXIV_MAX_BYTES' | 'PUBLIC_BASE_URL'>;
export type ImportStore = Pick<Store, 'getProfile' | 'putProfile'> & ModelStore & SlotStore;
export type ImportDeps = { env: ImportEnv; embedder?: Embedder | null; now?: Date; fetch?: typeof fetch };

function parseImportBody(body: unknown): { text: string } {
  const parsed = ImportBodySchema.safeParse(body);
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid import');
  const bytes = Buffer.byteLength(parsed.data.text);
  if (bytes > MAX_IMPORT_TEXT_BYTES) throw new PayloadTooLargeError(`Import text is ${bytes} bytes; at most ${MAX_IMPORT_TEXT_BYTES} are read`);
  return parsed.data;
}

/** The records' ids in order, each once, and the records that name none. */
function readIds(text: string) {
  const { format, entries } = readImportEntries(text);
  if (entries.length > MAX_IMPORT_ENTRIES)
    throw new InputError(`The text holds ${entries.length} records; at most ${MAX_IMPORT_ENTRIES} are imported at once (split the file)`, [
      { path: 'text', message: `at most ${MAX_IMPORT_ENTRIES} records; got ${entries.length}` },
    ]);
  const ids = [...new Set(entries.flatMap((e) => e.id ?? []))];
  const unresolved = entries.filter((e) => !e.id).map((e): Unresolved => ({ entry: e.label, reason: 'no arXiv id, arXiv URL or arXiv DOI in it' }));
  return { format, entries: entries.length, ids, unresolved };
}

async function fetchUnknown(store: SlotStore, ids: string[], deps: ImportDeps): Promise<FetchByIdResult> {
  if (!ids.length) return { papers: [], notOnArxiv: [], unknown: [], error: null };
  const { env } = deps;
  return fetchPapersById(ids, env.ARXIV_API_URL, { store, fetch: deps.fetch }, {
    userAgent: arxivUserAgent(env.PUBLIC_BASE_URL),
    minIntervalMs: env.ARXIV_MIN_INTERVAL_MS,
    timeoutMs: env.ARXIV_TIMEOUT_MS,
    maxBytes: env.ARXIV_MAX_BYTES,
    deadline: new Date(Date.now() + IMPORT_FETCH_BUDGET_MS),
  });
}

/** The profile with `ids` liked (newest last, in the text's order) and what the list had to drop. */
function withLikes(profile: Profile, ids: readonly string[]): { profile: Profile; dropped: string[] } {
  let next = profile;
  const dropped: string[] = [];
  for (const id of ids) {
    const applied = applyFeedback(next, { id, signal: 'more' });
    dropped.push(...applied.dropped);
    next = { ...next, liked: applied.liked, disliked: applied.disliked };
  }
  return { profile: next, dropped: dropped.filter((id) => !next.liked?.includes(id)) };
}

export async function importPapers(store: ImportStore, token: string, body: unknown, deps: ImportDeps): Promise<ImportResult> {
  const { text } = parseImportBody(body);
  const read = readIds(text);
  const profile = await readProfile(store, token);
  const [window, model] = await Promise.all([readTrainingWindow(store, profile), readProfileModel(store, token)]);
  const known = new Set([...window.map((p) => p.id), ...(model?.liked ?? []).map((s) => s.id), ...(model?.disliked ?? []).map((s) => s.id)]);
  const before = new Set(profile.liked ?? []);
  const fetched = await fetchUnknown(store, read.ids.filter((id) => !before.has(id) && !known.has(id)), deps);
  const notOnArxiv = new Set(fetched.notOnArxiv);
  const unresolved = [...read.unresolved, ...fetched.notOnArxiv.map((id): Unresolved => ({ entry: id, reason: 'arXiv has no paper with this id' }))];
  const wanted = read.ids.filter((id) => !notOnArxiv.has(id));
  const base = { format: read.format, entries: read.entries, unresolved, fetched: fetched.papers.length, notFetched: fetched.unknown.length, arxivError: fetched.error };
  return withProfileLock(store, token, async () => {
    const current = await readProfile(store, token);
    const liked = new Set(current.liked ?? []);
    const adding = wanted.filter((id) => !liked.has(id));
    const counts = { alreadyLiked: wanted.length - adding.length, added: adding.length };
    if (!adding.length) return { ...base, ...counts, dropped: [], liked: liked.size, disliked: current.disliked?.length ?? 0 };
    const { profile: updated, dropped } = withLikes(current, adding);
    await store.putProfile(token, JSON.stringify(updated));
    const extra: Paper[] = fetched.papers;
    await trainProfileModel(store, token, updated, deps.now ?? new Date(), { extra, embedder: deps.embedder, window });
    return { ...base, ...counts, dropped, liked: updated.liked?.length ?? 0, disliked: updated.disliked?.length ?? 0 };
  });
}
