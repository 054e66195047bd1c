/**
 * What the feedback route receives: the GET link's query (`?id=…&signal=more|less`), or a POST
 * as JSON (`{"id", "signal"}`, the API and the page's script) or as a form (the page's buttons with
 * scripts off: `signal` in the body, `id` in the form's URL).
 */
import { z } from 'zod';
import { zodToInputError } from '../errors';
import { PaperIdSchema } from '../model/paper-id';
import { readJsonBody, readTextBody } from './read-json-body';

/** A feedback body is two short fields; anything near this is not one. */
export const MAX_FEEDBACK_BODY_BYTES = 1024;

export const FeedbackLinkSchema = z.object({
  id: PaperIdSchema,
  signal: z.enum(['more', 'less'], { error: 'must be more or less' }),
});
export type FeedbackLink = z.infer<typeof FeedbackLinkSchema>;

export function parseFeedbackLink(url: URL): FeedbackLink {
  const parsed = FeedbackLinkSchema.safeParse({ id: url.searchParams.get('id') ?? undefined, signal: url.searchParams.get('signal') ?? undefined });
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid feedback link');
  return parsed.data;
}

const isForm = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';

/** The POST's feedback (validated later, with the JSON's), and whether a form sent it (it then gets the page back). */
export async function readFeedbackPost(request: Request): Promise<{ body: unknown; form: boolean }> {
  if (!isForm(request)) return { body: await readJsonBody(request, MAX_FEEDBACK_BODY_BYTES), form: false };
  const fields = new URLSearchParams(await readTextBody(request, MAX_FEEDBACK_BODY_BYTES));
  const id = fields.get('id') ?? new URL(request.url).searchParams.get('id') ?? undefined;
  return { body: { id, signal: fields.get('signal') ?? undefined }, form: true };
}
