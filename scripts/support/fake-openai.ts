/**
 * A local OpenAI-compatible server on 127.0.0.1 speaking the real `POST /v1/chat/completions`
 * wire format (JSON body in, `chat.completion` object with `usage` out, OpenAI-style error bodies),
 * so tests drive the real `openai` client. `POST /v1/embeddings` answers deterministic vectors
 * (fakeEmbedding: hashed words, so papers on one subject come out similar), as floats or base64. It counts requests per paper (read from the prompt's
 * `arXiv:<id>v<version>` and `Language:` lines) and fails on demand: every Nth call (alternating
 * 500 and 429 with Retry-After), always for chosen papers, slowly, without JSON mode (400 on
 * `response_format`, or prose answers), with hostile content, or with a runaway answer of
 * several megabytes that ignores `max_tokens` (a misbehaving model or proxy).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeSummary = { tldr: string; contributions: string[]; method: string; results: string; limitations: string };

export type FakeOpenAiOptions = {
  /**
   * json: honours `response_format` (json_schema) — default;
   * reject-json-mode: 400 when `response_format` is present, text otherwise (old vLLM, proxies);
   * prose: ignores `response_format` and answers Markdown prose (a provider without JSON mode).
   */
  mode?: 'json' | 'reject-json-mode' | 'prose';
  /** Every Nth request (1-based over all requests) fails: odd failures 500, even failures 429. */
  failEvery?: number;
  /** Retry-After seconds sent with 429. @default 1 */
  retryAfterSeconds?: number;
  /** Papers (id without version) whose requests always fail with `failStatus`. */
  failPapers?: string[];
  /** @default 500 */
  failStatus?: number;
  /** Delay before answering each request. */
  delayMs?: number;
  /** Papers whose answer is hostile (`]]>`, script, handlers, javascript: links, U+0001); `true` for all. */
  hostile?: boolean | string[];
  /** Papers whose answer is HUGE_ANSWER_CHARS long whatever `max_tokens` says; `true` for all. */
  huge?: boolean | string[];
  /** Accepted bearer token. @default "test" */
  apiKey?: string;
  /** Dimensions of the fake embeddings. @default 64 */
  embeddingDimensions?: number;
  /** Embedding requests answer this status instead (e.g. 500, 401). */
  failEmbeddings?: number;
};

export type RecordedEmbeddingRequest = { model: string; inputs: string[]; encoding: string | null; status: number };

const EMBEDDING_STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'our', 'from', 'that', 'this', 'are', 'we', 'to', 'of', 'on', 'in', 'a', 'an', 'is']);

/** A text's fake embedding: each word of 3+ letters hashed (FNV-1a) to a dimension and a sign, then unit length. */
export function fakeEmbedding(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    if (EMBEDDING_STOP_WORDS.has(word)) continue;
    let hash = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
    vector[hash % dimensions]! += hash & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

export type RecordedRequest = {
  paper: string | null;
  language: string | null;
  model: string;
  jsonMode: boolean;
  /** The request's `max_tokens` (or `max_completion_tokens`), null when it sent neither. */
  maxTokens: number | null;
  status: number;
  at: number;
};

export const HOSTILE_TEXT =
  'Breaks ]]> CDATA <script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3)) <a href="javascript:alert(4)">x</a> <b onclick="alert(5)">bold</b> ctrl\u0001char';

/** About the size of the answers that once made a 105 MB summary index. */
export const HUGE_ANSWER_CHARS = 5_000_000;

function contentFor(paper: string, language: string, hostile: boolean, huge: boolean): FakeSummary {
  if (huge) {
    const sentence = `The model kept writing about ${paper}. `;
    return { ...contentFor(paper, language, hostile, false), tldr: sentence.repeat(Math.ceil(HUGE_ANSWER_CHARS / sentence.length)).slice(0, HUGE_ANSWER_CHARS) };
  }
  if (hostile)
    return {
      tldr: HOSTILE_TEXT,
      contributions: ['<script>alert("c")</script>first', '**second** with $x_i^2$ math', '[ok link](https://example.org/a?b=1&c=2)'],
      method: '<iframe src="https://evil.example"></iframe>method\u0001',
      results: '<svg onload="alert(6)"></svg>results ]]>',
      limitations: '<style>body{display:none}</style>none',
    };
  return {
    tldr: `[${language}] One-sentence summary of ${paper}.`,
    contributions: [`First contribution of ${paper}.`, 'Second contribution.'],
    method: 'The method, in two sentences. It uses a transformer.',
    results: 'Improves accuracy by 3.2 points on the benchmark.',
    limitations: 'Not stated in the abstract.',
  };
}

const proseFor = (s: FakeSummary) =>
  [`**TL;DR** ${s.tldr}`, '', '**Contributions**', ...s.contributions.map((c) => `- ${c}`), '', `**Method** ${s.method}`, '', `**Results** ${s.results}`, '', `**Limitations** ${s.limitations}`].join('\n');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const errorBody = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });

type ChatBody = {
  model?: string;
  messages?: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  max_tokens?: number;
  max_completion_tokens?: number;
};

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  readonly embeddingRequests: RecordedEmbeddingRequest[] = [];
  private server: Server;
  private port = 0;

  constructor(public options: FakeOpenAiOptions = {}) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
    const fake = new FakeOpenAi(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What `OPENAI_BASE_URL` should be. */
  get baseURL(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Requests sent (any status). */
  get calls(): number {
    return this.requests.length;
  }

  /** Successful answers per `${paper}:${language}` (paper = `<id>v<version>`). */
  answeredPerKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.requests.filter((r) => r.status === 200)) {
      const key = `${r.paper}:${r.language}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Requests about one paper (`<id>` or `<id>v<version>`), any status. */
  callsFor(paper: string): number {
    return this.requests.filter((r) => r.paper === paper || r.paper?.replace(/v\d+$/, '') === paper).length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method === 'POST' && req.url?.split('?')[0] === '/v1/embeddings') return this.embeddings(req, res, raw);
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/chat/completions')
      return send(res, 404, errorBody(`Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error', 'unknown_url'));
    const o = this.options;
    let body: ChatBody;
    try {
      body = JSON.parse(raw) as ChatBody;
    } catch {
      return send(res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
    const paper = user.match(/arXiv:(\S+v\d+)/)?.[1] ?? null;
    const language = user.match(/^Language: (.+)$/m)?.[1]?.trim() ?? null;
    const jsonMode = body.response_format?.type === 'json_schema';
    const maxTokens = body.max_tokens ?? body.max_completion_tokens ?? null;
    const record: RecordedRequest = { paper, language, model: body.model ?? '', jsonMode, maxTokens, status: 200, at: Date.now() };
    this.requests.push(record);
    const n = this.requests.length;
    if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));

    const fail = (status: number, message: string, headers: Record<string, string> = {}) => {
      record.status = status;
      send(res, status, errorBody(message, status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error'), headers);
    };
    if (req.headers.authorization !== `Bearer ${o.apiKey ?? 'test'}`) return fail(401, 'Incorrect API key provided.');
    if (!body.model || !Array.isArray(body.messages)) return fail(400, 'model and messages are required');
    const id = paper?.replace(/v\d+$/, '') ?? '';
    if (o.failPapers?.includes(id)) return fail(o.failStatus ?? 500, `Simulated failure for ${paper}`);
    if (o.failEvery && n % o.failEvery === 0) {
      const nth = n / o.failEvery;
      return nth % 2 === 1
        ? fail(500, 'The server had an error while processing your request.')
        : fail(429, 'Rate limit reached for requests', { 'retry-after': String(o.retryAfterSeconds ?? 1) });
    }
    if (o.mode === 'reject-json-mode' && body.response_format)
      return fail(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.");

    const hostile = o.hostile === true || (Array.isArray(o.hostile) && o.hostile.includes(id));
    const huge = o.huge === true || (Array.isArray(o.huge) && o.huge.includes(id));
    const summary = contentFor(paper ?? 'unknown', language ?? 'en', hostile, huge);
    const content = jsonMode && o.mode !== 'prose' ? JSON.stringify(summary) : proseFor(summary);
    const promptTokens = Math.ceil((body.messages ?? []).reduce((s, m) => s + String(m.content).length, 0) / 4);
    const completionTokens = Math.ceil(content.length / 4);
    send(res, 200, {
      id: `chatcmpl-${n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  /** Inputs embedded successfully, over all requests. */
  get embeddedInputs(): number {
    return this.embeddingRequests.filter((r) => r.status === 200).reduce((n, r) => n + r.inputs.length, 0);
  }

  private embeddings(req: IncomingMessage, res: ServerResponse, raw: string): void {
    let body: { model?: string; input?: string | string[]; encoding_format?: string };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return send(res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    const inputs = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input : [];
    const record: RecordedEmbeddingRequest = { model: body.model ?? '', inputs, encoding: body.encoding_format ?? null, status: 200 };
    this.embeddingRequests.push(record);
    const fail = (status: number, message: string) => {
      record.status = status;
      send(res, status, errorBody(message, status >= 500 ? 'server_error' : 'invalid_request_error'));
    };
    if (req.headers.authorization !== `Bearer ${this.options.apiKey ?? 'test'}`) return fail(401, 'Incorrect API key provided.');
    if (this.options.failEmbeddings) return fail(this.options.failEmbeddings, 'Simulated embeddings failure');
    if (!body.model || !inputs.length) return fail(400, 'model and input are required');
    const dimensions = this.options.embeddingDimensions ?? 64;
    const data = inputs.map((text, index) => {
      const vector = fakeEmbedding(String(text), dimensions);
      const embedding = body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    const tokens = Math.ceil(inputs.join(' ').length / 4);
    send(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }
}
