/**
 * Why an arXiv response was refused. Nothing from such a response is stored; `retryable` says
 * whether asking again within the same run can help (a 503 or a cut-off download can, an error
 * feed for a bad category cannot).
 */
import { UpstreamError } from '../errors';

export type ArxivErrorDetail = { url?: string; status?: number; bodyStart?: string; retryAfterSeconds?: number };

export class ArxivResponseError extends UpstreamError {
  override name = 'ArxivResponseError';
  constructor(
    message: string,
    detail: ArxivErrorDetail,
    readonly retryable: boolean,
  ) {
    super(message, detail);
  }
}

const BODY_START_BYTES = 200;

/** The first 200 bytes of a response body, for the run status: enough to recognise an HTML error page or a renamed field. */
export function bodyStartOf(body: string): string {
  return Buffer.from(body, 'utf8').subarray(0, BODY_START_BYTES).toString('utf8');
}
