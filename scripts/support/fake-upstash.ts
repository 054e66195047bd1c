/**
 * A local stand-in for Upstash's REST API (what Vercel KV serves), backed by a REAL Redis: the
 * `@vercel/kv` client, the wire format and Redis semantics are all real; only the HTTPS edge is ours.
 *
 * Protocol (https://upstash.com/docs/redis/features/restapi):
 * - `POST /` with a JSON command array `["SET","k","v","PX",100]` → `{"result": …}` or 400 `{"error": "…"}`;
 * - `POST /pipeline` with an array of command arrays → 200 `[{"result": …} | {"error": "…"}, …]`;
 * - `POST /multi-exec` the same, executed atomically (MULTI/EXEC);
 * - `Authorization: Bearer <token>` required (401 otherwise);
 * - with `Upstash-Encoding: base64`, every string in a result is base64 except the status `OK`.
 * Counters (`requests`, `commands`, `replyBytes`) let tests and the bench prove round-trip and
 * reply-size budgets over HTTP.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';

export type FakeUpstash = {
  url: string;
  token: string;
  /** HTTP requests served (each is one round trip for the client). */
  requests: number;
  /** Every command executed, in order, as sent. */
  commands: string[][];
  /** Requests that asked for base64-encoded results (`Upstash-Encoding: base64`). */
  base64Requests: number;
  /** Size of each HTTP reply body in bytes, in order (Upstash refuses requests and replies over its limits). */
  replyBytes: number[];
  reset(): void;
  close(): Promise<void>;
};

type Reply = string | number | null | Reply[];
type Entry = { result: unknown } | { error: string };

const encode = (value: Reply, base64: boolean): unknown => {
  if (Array.isArray(value)) return value.map((v) => encode(v, base64));
  if (typeof value === 'string' && base64 && value !== 'OK') return Buffer.from(value, 'utf8').toString('base64');
  return value;
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const isCommand = (x: unknown): x is unknown[] => Array.isArray(x) && x.length > 0;

export async function startFakeUpstash(redisUrl: string, token = 'test-token'): Promise<FakeUpstash> {
  const redis = createClient({ url: redisUrl, RESP: 2 });
  redis.on('error', () => {});
  await redis.connect();

  const state = { requests: 0, base64Requests: 0, commands: [] as string[][], replyBytes: [] as number[] };
  const toArgs = (cmd: unknown[]) => cmd.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));

  const runOne = async (cmd: unknown[], base64: boolean): Promise<Entry> => {
    const args = toArgs(cmd);
    state.commands.push(args);
    try {
      return { result: encode((await redis.sendCommand(args)) as Reply, base64) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };

  const runMulti = async (cmds: unknown[][], base64: boolean): Promise<Entry[]> => {
    const multi = redis.multi();
    for (const cmd of cmds) {
      const args = toArgs(cmd);
      state.commands.push(args);
      multi.addCommand(args);
    }
    const replies = (await multi.exec()) as unknown as Reply[];
    return replies.map((r) => (r instanceof Error ? { error: r.message } : { result: encode(r, base64) }));
  };

  const server: Server = createServer(async (req, res) => {
    state.requests++;
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      state.replyBytes.push(Buffer.byteLength(text));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    };
    try {
      if (req.method !== 'POST') return send(405, { error: 'only POST is supported here' });
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'Unauthorized' });
      const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
      if (base64) state.base64Requests++;
      const body = JSON.parse(await readBody(req)) as unknown;
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/' || path === '') {
        if (!isCommand(body)) return send(400, { error: 'ERR body must be a command array' });
        const entry = await runOne(body, base64);
        return send('error' in entry ? 400 : 200, entry);
      }
      if (path === '/pipeline' || path === '/multi-exec') {
        if (!Array.isArray(body) || !body.every(isCommand)) return send(400, { error: 'ERR body must be an array of commands' });
        if (path === '/multi-exec') return send(200, await runMulti(body, base64));
        const out: Entry[] = [];
        for (const cmd of body) out.push(await runOne(cmd, base64));
        return send(200, out);
      }
      return send(404, { error: `unknown path ${path}` });
    } catch (err) {
      send(500, { error: (err as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get requests() {
      return state.requests;
    },
    get commands() {
      return state.commands;
    },
    get base64Requests() {
      return state.base64Requests;
    },
    get replyBytes() {
      return state.replyBytes;
    },
    reset() {
      state.requests = 0;
      state.base64Requests = 0;
      state.commands = [];
      state.replyBytes = [];
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.close().catch(() => redis.destroy());
    },
  };
}
