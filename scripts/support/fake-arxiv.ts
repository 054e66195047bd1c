/**
 * A local arXiv stand-in on 127.0.0.1 for tests (ingest, feed on-demand fetch, reliability):
 *   GET /rss/<cat>+<cat>…   → the RSS body you give it (a string, or a function of the categories)
 *   GET /api/query?…        → the API body you give it (a string, or a function of the query), with
 *                             only the entries arXiv would send for the query (filterApiEntries)
 * It records every request (kind, path, time, User-Agent, categories) and fails on demand, either
 * for the next N requests (`queue`) or for all of them (`always`): 5xx with Retry-After, slow
 * answers (client timeouts), garbage HTML, truncated bodies, arXiv's error feed or API error entry.
 * Set `ARXIV_RSS_URL`/`ARXIV_API_URL` from `fake.env()`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeKind = 'rss' | 'api';

export type FakeResponse = {
  status?: number;
  headers?: Record<string, string>;
  /** Body to send instead of the configured one. */
  body?: string;
  /** Send only the first half of the (configured or given) body: a cut-off download. */
  truncate?: boolean;
  /** Wait this long before answering (the client may time out first). */
  delayMs?: number;
};

export type RecordedArxivRequest = {
  kind: FakeKind | 'other';
  path: string;
  /** Date.now() when the request arrived. */
  time: number;
  userAgent: string | null;
  /** Categories of an RSS request (`cs.AI+cs.LG` → [cs.AI, cs.LG]). */
  categories: string[];
  query: URLSearchParams;
};

type Body<A> = string | ((arg: A) => string);

export type FakeArxivOptions = { rss?: Body<string[]>; api?: Body<URLSearchParams> };

export const ERROR_FEED = `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title>Feed error for query: http://rss.arxiv.org/rss/nonsense</title>
    <link>http://rss.arxiv.org/rss/nonsense</link>
    <description>Bad archive 'nonsense'. Valid archive names are: astro-ph, cond-mat, cs, econ, eess, gr-qc, hep-ex, hep-lat, hep-ph, hep-th, math, math-ph, nlin, nucl-ex, nucl-th, physics, q-bio, q-fin, quant-ph, stat, test.</description>
    <pubDate>Fri, 05 Dec 2025 00:00:00 -0500</pubDate>
  </channel>
</rss>
`;

export const API_ERROR = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/</id>
  <title>arXiv Search Results</title>
  <updated>2025-12-05T12:00:00Z</updated>
  <entry>
    <id>https://arxiv.org/api/errors#incorrect_id_format_for_nonsense</id>
    <title>Error</title>
    <summary>incorrect id format for nonsense</summary>
  </entry>
</feed>
`;

/** Ready-made failures for `queue`/`always`. */
export const failures = {
  unavailable: (retryAfterSeconds?: number): FakeResponse => ({
    status: 503,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: 'Service Unavailable',
  }),
  status: (status: number, body = `HTTP ${status}`): FakeResponse => ({ status, body }),
  slow: (delayMs: number): FakeResponse => ({ delayMs }),
  garbage: (): FakeResponse => ({ body: '<html><body><h1>Rate exceeded.</h1><p>Please slow down.</body></html>', headers: { 'content-type': 'text/html' } }),
  truncated: (): FakeResponse => ({ truncate: true }),
  empty: (): FakeResponse => ({ body: '' }),
  errorFeed: (): FakeResponse => ({ body: ERROR_FEED }),
  apiError: (): FakeResponse => ({ status: 400, body: API_ERROR }),
};

/** Keeps the channel head and the items with a category in `categories` (or in an archive of it), like arXiv. */
export function filterRssItems(xml: string, categories: string[]): string {
  const first = xml.indexOf('<item>');
  const head = xml.slice(0, first === -1 ? xml.indexOf('</channel>') : first);
  const items = xml.match(/<item>[\s\S]*?<\/item>/g) ?? [];
  const wanted = (c: string) => categories.some((w) => c === w || c.startsWith(`${w}.`));
  const kept = items.filter((it) => [...it.matchAll(/<category>([^<]+)<\/category>/g)].some((m) => wanted(m[1]!)));
  return `${head}${kept.join('\n    ')}\n  </channel>\n</rss>\n`;
}

/** `YYYYMMDDHHMM` in UTC, the API's `submittedDate` format → epoch ms. */
const apiMinuteMs = (t: string) => Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12));

/**
 * Like the API: only entries submitted (`<published>`) within the query's `submittedDate:[from TO
 * to]` (both minutes included), only those of its `id_list` when it has one (ids without version),
 * and at most `max_results` of them. A body is one page: it is not offset by `start` (give a
 * function of the query for later pages) and its totalResults is kept.
 */
export function filterApiEntries(xml: string, query: URLSearchParams): string {
  const window = query.get('search_query')?.match(/submittedDate:\[(\d{12}) TO (\d{12})\]/);
  const idList = query.get('id_list') ? new Set(query.get('id_list')!.split(',').map((id) => id.trim().replace(/v\d+$/, ''))) : null;
  const max = Number(query.get('max_results') ?? Infinity);
  const inWindow = (published: number) =>
    !window || Number.isNaN(published) || (published >= apiMinuteMs(window[1]!) && published < apiMinuteMs(window[2]!) + 60_000);
  const listed = (entry: string) => !idList || idList.has(entry.match(/<id>[^<]*\/abs\/([^<]+?)(?:v\d+)?<\/id>/)?.[1] ?? '');
  let kept = 0;
  return xml.replace(/<entry>[\s\S]*?<\/entry>\s*/g, (entry) => {
    const published = Date.parse(entry.match(/<published>([^<]+)<\/published>/)?.[1] ?? '');
    if (!inWindow(published) || !listed(entry) || kept >= max) return '';
    kept++;
    return entry;
  });
}

export type FakeArxiv = Awaited<ReturnType<typeof startFakeArxiv>>;

export async function startFakeArxiv(options: FakeArxivOptions = {}) {
  const requests: RecordedArxivRequest[] = [];
  const queued: Record<FakeKind, FakeResponse[]> = { rss: [], api: [] };
  const persistent: Record<FakeKind, FakeResponse | null> = { rss: null, api: null };
  const bodies = { rss: options.rss ?? '', api: options.api ?? '' } as { rss: Body<string[]>; api: Body<URLSearchParams> };

  const configuredBody = (kind: FakeKind, r: RecordedArxivRequest) => {
    const body = bodies[kind];
    if (typeof body === 'string') return body;
    return kind === 'rss' ? (body as (c: string[]) => string)(r.categories) : (body as (q: URLSearchParams) => string)(r.query);
  };
  const answerBody = (kind: FakeKind, r: RecordedArxivRequest) =>
    kind === 'api' ? filterApiEntries(configuredBody(kind, r), r.query) : configuredBody(kind, r);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const kind: RecordedArxivRequest['kind'] = url.pathname.startsWith('/rss/') ? 'rss' : url.pathname.startsWith('/api/query') ? 'api' : 'other';
    const record: RecordedArxivRequest = {
      kind,
      path: url.pathname + url.search,
      time: Date.now(),
      userAgent: req.headers['user-agent'] ?? null,
      categories: kind === 'rss' ? decodeURIComponent(url.pathname.slice('/rss/'.length)).split(/[+ ]/).filter(Boolean) : [],
      query: url.searchParams,
    };
    requests.push(record);
    if (kind === 'other') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const scripted = queued[kind].shift() ?? persistent[kind] ?? {};
    if (scripted.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
    if (res.destroyed) return;
    let body = scripted.body ?? answerBody(kind, record);
    if (scripted.truncate) body = body.slice(0, Math.floor(body.length / 2));
    const type = kind === 'api' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8';
    res.writeHead(scripted.status ?? 200, { 'content-type': type, ...scripted.headers }).end(body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: base,
    rssUrl: `${base}/rss`,
    apiUrl: `${base}/api/query`,
    requests,
    /** Only the requests of one kind. */
    requestsOf: (kind: FakeKind) => requests.filter((r) => r.kind === kind),
    setRss(body: Body<string[]>) {
      bodies.rss = body;
    },
    setApi(body: Body<URLSearchParams>) {
      bodies.api = body;
    },
    /** The next requests of `kind` get these answers, in order; later ones the configured body. */
    queue(kind: FakeKind, ...responses: FakeResponse[]) {
      queued[kind].push(...responses);
    },
    /** Every request of `kind` gets this answer until `always(kind, null)`. */
    always(kind: FakeKind, response: FakeResponse | null) {
      persistent[kind] = response;
    },
    env: () => ({ ARXIV_RSS_URL: `${base}/rss`, ARXIV_API_URL: `${base}/api/query` }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
