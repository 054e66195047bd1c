/**
 * A local HTTP server on 127.0.0.1 (port 0) that counts requests and answers with whatever the
 * test says: the arXiv stand-in for failure injection, or a canary no request may ever reach.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export type CountingServer = {
  url: string;
  hits: { method: string; url: string }[];
  reply: Reply;
  close(): Promise<void>;
};

export async function startCountingServer(reply: Reply = (_req, res) => res.writeHead(503).end('down')): Promise<CountingServer> {
  const state: CountingServer = { url: '', hits: [], reply, close: async () => {} };
  const server = createServer((req, res) => {
    state.hits.push({ method: req.method ?? '', url: req.url ?? '' });
    req.resume();
    state.reply(req, res, state.hits.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
