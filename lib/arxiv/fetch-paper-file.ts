/**
 * Downloads one paper file (arXiv's HTML rendering or the PDF) for a full-text summary, with the
 * same manners as every other arXiv request (fetch-arxiv.ts): the global throttle, the project's
 * User-Agent, a timeout, and the same retry policy (5xx/429/408, network errors and cut-off
 * bodies retried ARXIV_MAX_RETRIES times with backoff honouring Retry-After, never past the
 * deadline). Bytes, not text: a PDF is binary. The size cap is enforced before reading (a
 * Content-Length over it is refused with no body read) and while reading (a body without one is
 * cut off at the cap), so a 30 MB file never sits in memory. Expected refusals (no such file, too
 * large) are answers, not errors: the caller falls back to another source.
 */
import type { Env } from '../env';
import { ArxivResponseError } from './arxiv-error';
import { SlotTimeoutError, sleep, withArxivSlot } from './arxiv-slot';
import { ARXIV_MAX_RETRIES, MAX_RETRY_WAIT_MS, parseRetryAfter, type ArxivFetchDeps } from './fetch-arxiv';
import { arxivUserAgent } from './user-agent';
import { readCapped } from './read-capped';

const MIN_BACKOFF_MS = 500;
const NOT_ASKED_BY_DEADLINE = 'deadline reached before arXiv could be asked';

export type PaperFileOptions = {
  userAgent: string;
  minIntervalMs: number;
  timeoutMs: number;
  deadline: Date;
  maxBytes: number;
  accept: string;
  /** @default ARXIV_MAX_RETRIES */
  maxRetries?: number;
};

/** `requests`: HTTP requests sent (retries included); `bytesRead`: body bytes taken in. */
export type PaperFileAnswer = { requests: number; bytesRead: number } & (
  | { kind: 'file'; bytes: Uint8Array; contentType: string }
  /** 404/410: arXiv has no such file (no HTML rendering, withdrawn). */
  | { kind: 'missing'; status: number }
  /** Declared or read past `maxBytes`; `atLeastBytes` is what was known of its size. */
  | { kind: 'too-large'; atLeastBytes: number }
  /** `deadline`: not asked (or not retried) because the deadline came first. */
  | { kind: 'failed'; reason: string; deadline: boolean }
);

type RawFile =
  | { ok: true; bytes: Uint8Array; contentType: string }
  | { ok: true; tooLarge: number; bytesRead: number }
  | { ok: false; status: number; retryAfter: string | null };

async function requestFile(url: string, deps: ArxivFetchDeps, options: PaperFileOptions): Promise<RawFile> {
  const budgetMs = Math.min(options.timeoutMs, options.deadline.getTime() - Date.now());
  if (budgetMs <= 0) throw new ArxivResponseError(NOT_ASKED_BY_DEADLINE, { url }, false);
  const signal = AbortSignal.timeout(budgetMs);
  try {
    const response = await (deps.fetch ?? fetch)(url, { headers: { 'user-agent': options.userAgent, accept: options.accept }, signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      return { ok: false, status: response.status, retryAfter: response.headers.get('retry-after') };
    }
    const contentType = response.headers.get('content-type') ?? '';
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel().catch(() => {});
      return { ok: true, tooLarge: declared, bytesRead: 0 };
    }
    if (!response.body) return { ok: true, bytes: new Uint8Array(0), contentType };
    const read = await readCapped(response.body, options.maxBytes);
    if ('tooLarge' in read) return { ok: true, tooLarge: read.tooLarge, bytesRead: read.tooLarge };
    return { ok: true, bytes: read.bytes, contentType };
  } catch (err) {
    const reason = signal.aborted ? `no complete answer within ${budgetMs} ms` : ((err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message);
    throw new ArxivResponseError(`arXiv could not be reached: ${reason}`, { url }, true);
  }
}

/** An answer that is not the file: missing, or an ArxivResponseError saying whether to retry. */
function refusal(url: string, raw: Extract<RawFile, { ok: false }>): PaperFileAnswer | ArxivResponseError {
  if (raw.status === 404 || raw.status === 410) return { kind: 'missing', status: raw.status, requests: 0, bytesRead: 0 };
  const retryAfterSeconds = parseRetryAfter(raw.retryAfter);
  const retryable = raw.status >= 500 || raw.status === 429 || raw.status === 408;
  return new ArxivResponseError(`arXiv answered HTTP ${raw.status}`, { url, status: raw.status, retryAfterSeconds }, retryable);
}

function toAnswer(raw: Extract<RawFile, { ok: true }>): PaperFileAnswer {
  if ('tooLarge' in raw) return { kind: 'too-large', atLeastBytes: raw.tooLarge, requests: 0, bytesRead: raw.bytesRead };
  return { kind: 'file', bytes: raw.bytes, contentType: raw.contentType, requests: 0, bytesRead: raw.bytes.byteLength };
}

export async function fetchPaperFile(url: string, deps: ArxivFetchDeps, options: PaperFileOptions): Promise<PaperFileAnswer> {
  const maxRetries = options.maxRetries ?? ARXIV_MAX_RETRIES;
  const slot = { minIntervalMs: options.minIntervalMs, timeoutMs: options.timeoutMs, deadline: options.deadline };
  let requests = 0;
  for (let attempt = 0; ; attempt++) {
    let err: unknown;
    try {
      const raw = await withArxivSlot(deps.store, slot, () => {
        requests++;
        return requestFile(url, deps, options);
      });
      const answer = raw.ok ? toAnswer(raw) : refusal(url, raw);
      if (!(answer instanceof ArxivResponseError)) return { ...answer, requests };
      err = answer;
    } catch (caught) {
      err = caught;
    }
    if (err instanceof SlotTimeoutError) return { kind: 'failed', reason: `arXiv was not asked: ${err.message}`, deadline: true, requests, bytesRead: 0 };
    if (!(err instanceof ArxivResponseError)) throw err;
    const reason = err.message;
    const fail = (deadline: boolean): PaperFileAnswer => ({ kind: 'failed', reason, deadline, requests, bytesRead: 0 });
    if (!err.retryable || attempt >= maxRetries) return fail(reason === NOT_ASKED_BY_DEADLINE);
    const backoffMs = Math.max(options.minIntervalMs, MIN_BACKOFF_MS) * 2 ** attempt;
    const waitMs = Math.min(MAX_RETRY_WAIT_MS, Math.max(backoffMs, (err.detail.retryAfterSeconds ?? 0) * 1000));
    if (Date.now() + waitMs >= options.deadline.getTime()) return fail(true);
    deps.log?.(`${reason} (${url}); retry ${attempt + 1}/${maxRetries} in ${(waitMs / 1000).toFixed(1)} s`);
    await sleep(waitMs);
  }
}

const ACCEPT = { html: 'text/html, application/xhtml+xml;q=0.9', pdf: 'application/pdf' } as const;

export type PaperFileEnv = Pick<Env, 'ARXIV_MIN_INTERVAL_MS' | 'ARXIV_TIMEOUT_MS' | 'SUMMARY_FULLTEXT_MAX_BYTES' | 'PUBLIC_BASE_URL'>;
export type PaperFileRequest = { url: string; kind: keyof typeof ACCEPT; deadlineMs: number };

/** The downloader full-text summaries are given: env settings bound, the deadline per call. */
export function paperFileFetcher(deps: ArxivFetchDeps, env: PaperFileEnv): (request: PaperFileRequest) => Promise<PaperFileAnswer> {
  const userAgent = arxivUserAgent(env.PUBLIC_BASE_URL);
  return (request) =>
    fetchPaperFile(request.url, deps, {
      userAgent,
      minIntervalMs: env.ARXIV_MIN_INTERVAL_MS,
      timeoutMs: env.ARXIV_TIMEOUT_MS,
      maxBytes: env.SUMMARY_FULLTEXT_MAX_BYTES,
      deadline: new Date(request.deadlineMs),
      accept: ACCEPT[request.kind],
    });
}
