/**
 * Turns a feed document into the HTTP response: body in the requested format, validators
 * (ETag, Last-Modified), conditional GET (304) and CDN cache headers.
 *
 * The ETag is a hash of the cleaned document and the format, i.e. of everything the body is made
 * of, so it changes whenever an item, a score or a stored summary changes. It is a weak validator
 * because the `rss` package always writes the current time into `<lastBuildDate>`, so two RSS
 * bodies of the same document are equivalent but not byte-identical.
 */
import { createHash } from 'node:crypto';
import type { CachedFeed } from './feed-cache';
import type { FeedDocument } from './feed-document';
import type { OutputFormat } from './feed-format';
import { renderFeed } from './render-feed';

/**
 * arXiv announces once a day, so the CDN may keep a feed 10 minutes and serve a stale copy for a
 * day while it revalidates (or while the store is down); readers' own caches keep it 5 minutes.
 */
export const FEED_CACHE_CONTROL = 'public, max-age=300, s-maxage=600, stale-while-revalidate=86400, stale-if-error=86400';

/**
 * A feed that says a category is not ingested yet changes as soon as the on-demand fetch or the
 * next ingest stores it: no shared cache may keep it, and a reader's for one minute at most.
 */
export const NOT_INGESTED_CACHE_CONTROL = 'public, max-age=60';

/** Lists the requested categories that are not ingested yet, for code that acts on them (the on-demand fetch). */
export const NOT_INGESTED_HEADER = 'x-feed-not-ingested';

export function feedEtag(doc: FeedDocument, format: OutputFormat): string {
  const hash = createHash('sha256').update(format).update('\n').update(JSON.stringify(doc)).digest('base64url');
  return `W/"${hash.slice(0, 32)}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** RFC 9110 §13.1.2/13.1.3: If-None-Match (weak comparison) wins; If-Modified-Since only without it. */
export function isNotModified(request: Request, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => opaque(t) === opaque(etag));
  }
  const since = Date.parse(request.headers.get('if-modified-since') ?? '');
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

function feedHeaders(feed: CachedFeed): Headers {
  const headers = new Headers({
    etag: feed.etag,
    'last-modified': feed.lastModified.toUTCString(),
    'cache-control': feed.cacheControl,
    'x-content-type-options': 'nosniff',
  });
  // Notices are ASCII by construction (category ids, numbers and fixed words), as header values must be.
  if (feed.notices.length) headers.set('x-feed-notice', feed.notices.join(' | '));
  if (feed.notIngested.length) headers.set(NOT_INGESTED_HEADER, feed.notIngested.join(','));
  return headers;
}

/** Renders a document once into what a response (and the process cache) needs. */
export function renderCachedFeed(doc: FeedDocument, format: OutputFormat, versions: string): CachedFeed {
  const { body, contentType } = renderFeed(doc, format);
  return {
    versions,
    etag: feedEtag(doc, format),
    lastModified: new Date(doc.updated),
    notices: doc.notices,
    notIngested: doc.notIngested,
    cacheControl: doc.notIngested.length ? NOT_INGESTED_CACHE_CONTROL : FEED_CACHE_CONTROL,
    body: new TextEncoder().encode(body),
    contentType,
  };
}

/**
 * The cached bytes as a one-chunk stream: a Response made from bytes or a Blob copies them on
 * every request (~0.1 ms and a body's worth of garbage for a 200 KB feed); the stream hands the
 * same bytes to the socket.
 */
const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });

/** 304 when the client's copy is current, else the rendered body. */
export function cachedFeedResponse(request: Request, feed: CachedFeed): Response {
  const headers = feedHeaders(feed);
  if (isNotModified(request, feed.etag, feed.lastModified)) return new Response(null, { status: 304, headers });
  headers.set('content-type', feed.contentType);
  return new Response(request.method === 'HEAD' ? null : streamOf(feed.body), { status: 200, headers });
}
