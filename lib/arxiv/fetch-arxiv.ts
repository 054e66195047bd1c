/**
 * Asks arXiv for one URL and hands the body to `parse`, politely and within bounds:
 * - through the global throttle (lib/arxiv/arxiv-slot.ts) with a project User-Agent;
 * - with a timeout (ARXIV_TIMEOUT_MS, never past the caller's deadline) via AbortSignal;
 * - a 5xx/429, a timeout, a network error, an HTML page or a truncated body is retried at most
 *   `maxRetries` times with exponential backoff that honours `Retry-After` (capped), and never past
 *   the deadline; an arXiv error feed/entry or another 4xx is not retried.
 * - at most `maxBytes` of body are read (streamed; a Content-Length above it is refused unread): a
 *   runaway answer fails the run with the reason instead of taking the server's memory.
 * Every refusal is an ArxivResponseError carrying the URL, status and the first 200 bytes.
 */
import { ArxivResponseError, bodyStartOf } from './arxiv-error';
import { SlotTimeoutError, sleep, withArxivSlot, type SlotStore } from './arxiv-slot';
import { readCapped } from './read-capped';

/** Retries within one run after the first attempt. */
export const ARXIV_MAX_RETRIES = 2;
/** A Retry-After longer than this is not waited for within the run; the next run tries again. */
export const MAX_RETRY_WAIT_MS = 60_000;
const MIN_BACKOFF_MS = 500;
/** A day of every category is under 5 MB; ARXIV_MAX_BYTES sets it per deployment. */
export const DEFAULT_ARXIV_MAX_BYTES = 20 * 1024 * 1024;

export type ArxivFetchDeps = {
  store: SlotStore;
  fetch?: typeof fetch;
  log?: (line: string) => void;
};

export type ArxivFetchOptions = {
  userAgent: string;
  minIntervalMs: number;
  timeoutMs: number;
  deadline: Date;
  /** @default ARXIV_MAX_RETRIES */
  maxRetries?: number;
  /** Accept header, e.g. RSS vs Atom. */
  accept?: string;
  /** Body bytes read at most. @default DEFAULT_ARXIV_MAX_BYTES */
  maxBytes?: number;
};

/** `Retry-After: 120` or an HTTP date → seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const describe = (err: unknown) => {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
};

type RawAnswer = { status: number; ok: boolean; retryAfter: string | null; body: string };

/** Not retried: the same request would bring the same oversized answer. */
const tooLarge = (url: string, bytes: number, maxBytes: number, declared: boolean) =>
  new ArxivResponseError(
    `arXiv's answer is larger than ARXIV_MAX_BYTES (${declared ? `declares ${bytes}` : `more than ${maxBytes}`} bytes; at most ${maxBytes} are read)`,
    { url },
    false,
  );

/** The body as text, reading at most `maxBytes`; one byte more cancels the download. */
async function readText(response: Response, url: string, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(url, declared, maxBytes, true);
  }
  if (!response.body) return '';
  const read = await readCapped(response.body, maxBytes);
  if ('tooLarge' in read) throw tooLarge(url, read.tooLarge, maxBytes, false);
  return new TextDecoder().decode(read.bytes);
}

async function requestOnce(url: string, deps: ArxivFetchDeps, options: ArxivFetchOptions): Promise<RawAnswer> {
  const budgetMs = Math.min(options.timeoutMs, options.deadline.getTime() - Date.now());
  if (budgetMs <= 0) throw new ArxivResponseError('deadline reached before arXiv could be asked', { url }, false);
  const signal = AbortSignal.timeout(budgetMs);
  try {
    const response = await (deps.fetch ?? fetch)(url, {
      headers: { 'user-agent': options.userAgent, accept: options.accept ?? 'application/xml, text/xml;q=0.9, */*;q=0.1' },
      signal,
      redirect: 'follow',
    });
    const body = await readText(response, url, options.maxBytes ?? DEFAULT_ARXIV_MAX_BYTES);
    return { status: response.status, ok: response.ok, retryAfter: response.headers.get('retry-after'), body };
  } catch (err) {
    if (err instanceof ArxivResponseError) throw err;
    const reason = signal.aborted ? `no complete answer within ${budgetMs} ms` : describe(err);
    throw new ArxivResponseError(`arXiv could not be reached: ${reason}`, { url }, true);
  }
}

/** Any parser failure is a refusal of this answer, never a crash of the run. */
function parseOrRefuse<T>(url: string, body: string, parse: (body: string) => T): T {
  try {
    return parse(body);
  } catch (err) {
    if (err instanceof ArxivResponseError) throw err;
    throw new ArxivResponseError(`arXiv's answer could not be read: ${(err as Error).message}`, { url, bodyStart: bodyStartOf(body) }, false);
  }
}

/** Turns an answer into `parse`'s result or the ArxivResponseError that explains the refusal. */
function readAnswer<T>(url: string, answer: RawAnswer, parse: (body: string) => T): T {
  if (answer.ok) return parseOrRefuse(url, answer.body, parse);
  // The API answers a bad query with HTTP 400 and an Atom error entry: its message says more.
  try {
    parse(answer.body);
  } catch (err) {
    if (err instanceof ArxivResponseError && !err.retryable)
      throw new ArxivResponseError(`${err.message} (HTTP ${answer.status})`, { ...err.detail, status: answer.status }, false);
  }
  const retryAfterSeconds = parseRetryAfter(answer.retryAfter);
  throw new ArxivResponseError(
    `arXiv answered HTTP ${answer.status}${retryAfterSeconds !== undefined ? ` (Retry-After: ${retryAfterSeconds} s)` : ''}`,
    { url, status: answer.status, bodyStart: bodyStartOf(answer.body), retryAfterSeconds },
    answer.status >= 500 || answer.status === 429 || answer.status === 408,
  );
}

export async function fetchArxiv<T>(url: string, parse: (body: string) => T, deps: ArxivFetchDeps, options: ArxivFetchOptions): Promise<T> {
  const maxRetries = options.maxRetries ?? ARXIV_MAX_RETRIES;
  const slot = { minIntervalMs: options.minIntervalMs, timeoutMs: options.timeoutMs, deadline: options.deadline };
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await withArxivSlot(deps.store, slot, () => requestOnce(url, deps, options));
      return readAnswer(url, answer, parse);
    } catch (err) {
      if (err instanceof SlotTimeoutError) throw new ArxivResponseError(`arXiv was not asked: ${err.message}`, { url }, false);
      if (!(err instanceof ArxivResponseError) || !err.retryable || attempt >= maxRetries) throw err;
      const backoffMs = Math.max(options.minIntervalMs, MIN_BACKOFF_MS) * 2 ** attempt;
      const waitMs = Math.min(MAX_RETRY_WAIT_MS, Math.max(backoffMs, (err.detail.retryAfterSeconds ?? 0) * 1000));
      if (Date.now() + waitMs >= options.deadline.getTime()) throw err;
      deps.log?.(`${err.message}; retry ${attempt + 1}/${maxRetries} in ${(waitMs / 1000).toFixed(1)} s`);
      await sleep(waitMs);
    }
  }
}
