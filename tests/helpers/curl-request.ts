/**
 * A curl command line (already split into words) as the Request curl would send, for the options
 * the README uses: -X, -H, -d/--data(-raw|-binary), --data-urlencode, -G, and the output flags
 * that change nothing on the wire. An option it does not know is an error, never ignored. The URL
 * is checked as curl 7.88 checks it (a raw space is `curl: (3) URL using bad/illegal format`),
 * and stricter: only the characters RFC 3986 allows, so nothing depends on how a shell or
 * another curl treats a quote or a brace.
 */
export type CurlCall = { request: Request; url: string; failOnHttpError: boolean };

/** RFC 3986's unreserved and reserved characters, plus complete %XX escapes. */
const URL_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;
const NO_ARGUMENT = new Set(['-s', '--silent', '-S', '--show-error', '-f', '--fail', '-i', '--include', '-L', '--location', '-v', '--verbose', '-G', '--get']);
const WITH_ARGUMENT = new Set(['-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-m', '--max-time', '-o', '--output']);

export class CurlUsageError extends Error {
  override name = 'CurlUsageError';
}

/** What curl 7.88's --data-urlencode sends: every byte but A-Z a-z 0-9 -._~ as lower-case %xx, a space as +. */
const curlEscape = (s: string) =>
  encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
    .replace(/%[0-9A-F]{2}/g, (e) => (e === '%20' ? '+' : e.toLowerCase()));

function urlencodeArgument(arg: string): string {
  if (arg.includes('@') && !arg.includes('=')) throw new CurlUsageError(`--data-urlencode from a file is not supported: ${arg}`);
  const eq = arg.indexOf('=');
  if (eq < 0) return curlEscape(arg);
  const name = arg.slice(0, eq);
  return `${name}${name ? '=' : ''}${curlEscape(arg.slice(eq + 1))}`;
}

/** `-fsS` → `-f -s -S`; only flags without an argument combine. */
function expandShortFlags(words: string[]): string[] {
  return words.flatMap((w) => (/^-[a-zA-Z]{2,}$/.test(w) ? [...w.slice(1)].map((c) => `-${c}`) : [w]));
}

export function curlToRequest(words: string[]): CurlCall {
  if (words[0] !== 'curl') throw new CurlUsageError(`not a curl command: ${words.join(' ')}`);
  const args = expandShortFlags(words.slice(1));
  const headers = new Headers();
  const data: string[] = [];
  let method: string | undefined;
  let get = false;
  let failOnHttpError = false;
  let url: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (NO_ARGUMENT.has(arg)) {
      if (arg === '-G' || arg === '--get') get = true;
      if (arg === '-f' || arg === '--fail') failOnHttpError = true;
    } else if (WITH_ARGUMENT.has(arg)) {
      const value = args[++k];
      if (value === undefined) throw new CurlUsageError(`${arg} needs an argument`);
      if (arg === '-X' || arg === '--request') method = value;
      else if (arg === '-H' || arg === '--header') {
        const colon = value.indexOf(':');
        if (colon < 1) throw new CurlUsageError(`not a header: ${value}`);
        headers.set(value.slice(0, colon).trim(), value.slice(colon + 1).trim());
      } else if (arg === '--data-urlencode') data.push(urlencodeArgument(value));
      else if (arg.startsWith('-d') || arg.startsWith('--data')) {
        if (value.startsWith('@') && arg !== '--data-raw') throw new CurlUsageError(`data from a file is not supported: ${value}`);
        data.push(value);
      }
    } else if (arg.startsWith('-')) {
      throw new CurlUsageError(`unknown curl option ${arg}`);
    } else if (url !== undefined) {
      throw new CurlUsageError(`two URLs: ${url} and ${arg}`);
    } else {
      url = arg;
    }
  }
  if (url === undefined) throw new CurlUsageError(`no URL in: ${words.join(' ')}`);
  let target = url;
  let body: string | undefined;
  if (data.length && get) target += (url.includes('?') ? '&' : '?') + data.join('&');
  else if (data.length) {
    body = data.join('&');
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
  }
  if (!URL_CHARACTERS.test(target)) throw new CurlUsageError(`curl refuses or mangles this URL (characters outside RFC 3986): ${target}`);
  const request = new Request(new URL(target), { method: method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  return { request, url: target, failOnHttpError };
}
