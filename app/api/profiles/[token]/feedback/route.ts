/**
 * GET /api/profiles/<token>/feedback?id=<arXiv id>&signal=more|less — the page a feed item's
 * "More like this" / "Less like this" links to. It records nothing by itself: its script sends the
 * POST (one click for a person, nothing for a prefetcher), its button does with scripts off.
 * POST /api/profiles/<token>/feedback `{"id": "2411.17726", "signal": "more"|"less"|"clear"}` →
 * 200 `{id, signal, liked, disliked, dropped, notLearned}`; the page's form gets the page back.
 * DELETE /api/profiles/<token>/feedback → 200 `{liked: 0, disliked: 0, cleared}`: forgets every
 * like and dislike (the page's reset).
 * Malformed id or signal → 400, unknown token → 404 (lib/profiles/serve-feedback.ts).
 */
import { getEnv } from '../../../../../lib/env';
import { json, withErrors } from '../../../../../lib/http/respond';
import { clearFeedback } from '../../../../../lib/profiles/feedback';
import { DATA_ANSWER_POLICY } from '../../../../../lib/profiles/feedback-page';
import { postFeedback, showFeedbackPage } from '../../../../../lib/profiles/serve-feedback';
import { getStore } from '../../../../../lib/store/open-store';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

/** JSON answers and errors keep the API's sandbox policy; only the page brings its own. */
function withPolicy(handler: (request: Request, context: Context) => Promise<Response>) {
  return async (request: Request, context: Context) => {
    const response = await handler(request, context);
    if (!response.headers.has('content-security-policy')) response.headers.set('content-security-policy', DATA_ANSWER_POLICY);
    return response;
  };
}

export const GET = withPolicy(
  withErrors(async (request: Request, context: Context) => {
    const { token } = await context.params;
    return showFeedbackPage(await getStore(), token, request, getEnv());
  }),
);

export const POST = withPolicy(
  withErrors(async (request: Request, context: Context) => {
    const { token } = await context.params;
    const { result, page } = await postFeedback(await getStore(), token, request, getEnv());
    return page ?? json(result);
  }),
);

export const DELETE = withPolicy(
  withErrors(async (_request: Request, context: Context) => {
    const { token } = await context.params;
    return json(await clearFeedback(await getStore(), token));
  }),
);
