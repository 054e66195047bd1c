/**
 * TRACE never reaches Next.js's routing: the Web `Request` constructor refuses the method, so
 * `next start` answers every TRACE with a plain-text 500 before the proxy or any route runs.
 * This answers it at the HTTP server instead: 405 with `Allow` (the route's methods, from the
 * route table) and the usual JSON error body. Installed once per process from instrumentation.ts.
 * Node.js itself refuses CONNECT (no listener) and methods it does not parse (400).
 */
import http from 'node:http';
import { errorResponse } from './respond';
import { MethodNotAllowedError } from '../errors';
import { allowedMethods, findApiRoute } from './api-routes';

/** Pages are read-only: GET (and HEAD) and OPTIONS. */
const PAGE_METHODS = ['GET', 'HEAD', 'OPTIONS'];
const installed = Symbol.for('arxiv-feeds.trace-guard');

async function answerTrace(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const pathname = (req.url ?? '/').split('?')[0]!;
  const route = pathname.startsWith('/api/') ? findApiRoute(pathname) : null;
  const allow = route ? allowedMethods(route) : PAGE_METHODS;
  const answer = errorResponse(new MethodNotAllowedError(`TRACE is not supported; use ${allow.join(', ')}`, allow));
  res.writeHead(answer.status, { ...Object.fromEntries(answer.headers), 'x-content-type-options': 'nosniff' });
  res.end(await answer.text());
}

export function installTraceGuard(): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request' && (args[0] as http.IncomingMessage).method === 'TRACE') {
      void answerTrace(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
      return true;
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
