/**
 * A local stand-in for arXiv's paper files on 127.0.0.1, for full-text summary tests:
 *   GET /html/<id>v<n>  → the HTML page you give it, else 404 ("No HTML for …", as arXiv answers)
 *   GET /pdf/<id>v<n>   → the PDF bytes you give it, else 404
 * A file can also be `huge`: that many bytes streamed in 64 KB chunks, with or without a
 * Content-Length, so a size cap can be checked by how much the server got to send before the
 * client hung up. It records every request (path, arrival and finish time, User-Agent, status,
 * bytes sent) and fails on demand for the next N requests (`queue`). Set `ARXIV_HTML_URL` and
 * `ARXIV_PDF_URL` from `fake.env()`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FileKind = 'html' | 'pdf';
export type HugeFile = { hugeBytes: number; contentLength: boolean };
export type FakeFile = string | Buffer | HugeFile;

export type RecordedFileRequest = {
  kind: FileKind | 'other';
  /** `<id>v<n>` as asked. */
  paper: string;
  start: number;
  /** When the answer was fully sent or the client hung up. */
  end: number;
  userAgent: string | null;
  status: number;
  bytesSent: number;
};

export type QueuedAnswer = { status: number; headers?: Record<string, string>; body?: string };

const CHUNK = Buffer.alloc(64 * 1024, 0x20);

export class FakeArxivPapers {
  readonly files = { html: new Map<string, FakeFile>(), pdf: new Map<string, FakeFile>() };
  readonly requests: RecordedFileRequest[] = [];
  /** Delay before every answer, so requests take measurable time. */
  delayMs = 0;
  private readonly queued: Record<FileKind, QueuedAnswer[]> = { html: [], pdf: [] };
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private port = 0;

  static async start(): Promise<FakeArxivPapers> {
    const fake = new FakeArxivPapers();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  env(): { ARXIV_HTML_URL: string; ARXIV_PDF_URL: string } {
    return { ARXIV_HTML_URL: `${this.baseURL}/html`, ARXIV_PDF_URL: `${this.baseURL}/pdf` };
  }

  /** The next `answers` for this kind replace the file (5xx, 429 with Retry-After…). */
  queue(kind: FileKind, ...answers: QueuedAnswer[]): void {
    this.queued[kind].push(...answers);
  }

  requestsOf(kind: FileKind, paper?: string): RecordedFileRequest[] {
    return this.requests.filter((r) => r.kind === kind && (paper === undefined || r.paper === paper));
  }

  reset(): void {
    this.files.html.clear();
    this.files.pdf.clear();
    this.requests.length = 0;
    this.queued.html.length = 0;
    this.queued.pdf.length = 0;
    this.delayMs = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/(html|pdf)\/(.+?)\/?$/.exec(req.url?.split('?')[0] ?? '');
    const kind = (match?.[1] as FileKind | undefined) ?? 'other';
    const record: RecordedFileRequest = { kind, paper: match?.[2] ?? '', start: Date.now(), end: 0, userAgent: req.headers['user-agent'] ?? null, status: 200, bytesSent: 0 };
    this.requests.push(record);
    res.on('close', () => (record.end = Date.now()));
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const queued = kind === 'other' ? undefined : this.queued[kind].shift();
    const file = kind === 'other' ? undefined : this.files[kind].get(record.paper);
    if (queued) return this.send(res, record, queued.status, queued.body ?? `HTTP ${queued.status}`, { 'content-type': 'text/plain', ...queued.headers });
    if (file === undefined) return this.send(res, record, 404, `No ${kind === 'html' ? 'HTML' : 'PDF'} for '${record.paper}'.`, { 'content-type': 'text/html' });
    const type = kind === 'html' ? 'text/html; charset=utf-8' : 'application/pdf';
    if (typeof file === 'string' || Buffer.isBuffer(file)) return this.send(res, record, 200, file, { 'content-type': type });
    await this.stream(res, record, file, type);
  }

  private send(res: ServerResponse, record: RecordedFileRequest, status: number, body: string | Buffer, headers: Record<string, string>): void {
    record.status = status;
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    res.end(bytes, () => (record.bytesSent = bytes.length));
  }

  /** Writes `hugeBytes` chunk by chunk, waiting for the socket to drain, until done or the client hangs up. */
  private async stream(res: ServerResponse, record: RecordedFileRequest, file: HugeFile, type: string): Promise<void> {
    res.writeHead(200, { 'content-type': type, ...(file.contentLength ? { 'content-length': String(file.hugeBytes) } : {}) });
    let closed = false;
    res.on('close', () => (closed = true));
    const header = Buffer.from('%PDF-1.4\n%');
    res.write(header);
    record.bytesSent = header.length;
    while (!closed && record.bytesSent < file.hugeBytes) {
      const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, file.hugeBytes - record.bytesSent));
      record.bytesSent += chunk.length;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
    }
    if (!closed) res.end();
  }
}
