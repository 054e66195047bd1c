/**
 * POST /api/profiles/<token>/import `{"text": "<arXiv ids or URLs, or a BibTeX, RIS or CSL JSON export>"}`
 * → 200 `{format, entries, added, alreadyLiked, unresolved: [{entry, reason}], fetched, notFetched,
 * arxivError, dropped, liked, disliked}`: the papers named become likes of the profile; those the
 * store does not hold are fetched from the arXiv API to learn from. Text over 1 MB → 413, more than
 * 500 records → 400, unknown token → 404 (lib/profiles/import-papers.ts).
 */
import { getEnv } from '../../../../../lib/env';
import { json, withErrors } from '../../../../../lib/http/respond';
import { importPapers, MAX_IMPORT_BODY_BYTES } from '../../../../../lib/profiles/import-papers';
import { readJsonBody } from '../../../../../lib/profiles/read-json-body';
import { getStore } from '../../../../../lib/store/open-store';
import { createEmbedder } from '../../../../../lib/summarize/embedding-client';

export const dynamic = 'force-dynamic';
/** Up to five arXiv requests 3 s apart, then training. */
export const maxDuration = 60;

type Context = { params: Promise<{ token: string }> };

export const POST = withErrors(async (request: Request, context: Context) => {
  const { token } = await context.params;
  const body = await readJsonBody(request, MAX_IMPORT_BODY_BYTES);
  const env = getEnv();
  return json(await importPapers(await getStore(), token, body, { env, embedder: createEmbedder(env) }));
});
