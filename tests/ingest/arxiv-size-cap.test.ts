/**
 * A runaway arXiv answer (a 200 MB body once took the server from 184 MB to 1.05 GB): at most
 * ARXIV_MAX_BYTES are read, the download is cancelled, nothing is stored, the run fails saying
 * why, and the same oversized answer is not asked for again within the run.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIngestContext, type IngestContext } from './ingest-context';

const CHUNK = Buffer.alloc(64 * 1024, 'a');
/** What the stand-in would send in full: far more than the cap. */
const FULL_BYTES = 64 * 1024 * 1024;
const CAP_BYTES = 200_000;

type Runaway = { server: Server; url: string; requests: number; bytesWritten: () => number };

/** Streams an endless-looking XML answer, with or without a Content-Length, honouring backpressure. */
async function startRunaway(declareLength: boolean): Promise<Runaway> {
  let written = 0;
  const state = { requests: 0 };
  const server = createServer((_req, res) => {
    state.requests++;
    res.writeHead(200, { 'content-type': 'application/rss+xml', ...(declareLength ? { 'content-length': String(FULL_BYTES) } : {}) });
    res.write('<?xml version="1.0"?><rss><channel><title>');
    const pump = () => {
      while (written < FULL_BYTES && !res.destroyed) {
        written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      res.end('</title></channel></rss>');
    };
    res.on('close', () => res.destroy());
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/rss`, get requests() { return state.requests; }, bytesWritten: () => written };
}

let ctx: IngestContext | undefined;
let runaway: Runaway | undefined;
afterEach(async () => {
  await ctx?.cleanup();
  await new Promise((resolve) => runaway?.server.close(resolve) ?? resolve(undefined));
  ctx = runaway = undefined;
});

describe('arXiv answer size cap', () => {
  it.each([
    ['without a Content-Length (read until the cap, then cancelled)', false],
    ['with a Content-Length over the cap (refused unread)', true],
  ])('%s', async (_name, declareLength) => {
    runaway = await startRunaway(declareLength);
    ctx = await createIngestContext({ ARXIV_RSS_URL: runaway.url, ARXIV_MAX_BYTES: String(CAP_BYTES), ARXIV_TIMEOUT_MS: '10000' });
    const revision = (await ctx.store.readManifest()).revision;
    const result = await ctx.run();
    expect(result.state).toBe('failed');
    expect(result.error).toMatch(/larger than ARXIV_MAX_BYTES .*at most 200000 are read/);
    // Cancelled: the stand-in got nowhere near sending its 64 MB (socket buffers hold a few MB at most).
    expect(runaway.bytesWritten()).toBeLessThan(16 * 1024 * 1024);
    expect(runaway.requests).toBe(1);
    expect((await ctx.store.readManifest()).revision).toBe(revision);
    expect(await ctx.store.getStatus('ingest')).toMatchObject({ state: 'failed', error: expect.stringMatching(/ARXIV_MAX_BYTES/) });
  });
});
