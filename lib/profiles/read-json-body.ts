/**
 * Reads a JSON request body with a byte cap, streaming, so an oversized body is refused (413)
 * without being buffered whole, whatever Content-Length claims.
 */
import { InputError, PayloadTooLargeError } from '../errors';

/** The body as text, refused (413) past `maxBytes` without buffering more. */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(size, maxBytes);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  if (!text.trim()) throw new InputError('Request body is empty; send a JSON profile', [{ path: '(body)', message: 'required' }]);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`Request body is not JSON: ${(err as Error).message}`, [{ path: '(body)', message: 'must be JSON' }]);
  }
}

const tooLarge = (bytes: number, maxBytes: number) =>
  new PayloadTooLargeError(`Request body is too large: at least ${bytes} bytes received, at most ${maxBytes} accepted`);
