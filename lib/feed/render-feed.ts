/** Picks the renderer for a format: one pure function per format over the same document. */
import type { FeedDocument } from './feed-document';
import { FEED_CONTENT_TYPES, type FeedFormat } from './feed-format';
import { renderAtom } from './render-atom';
import { renderJsonFeed } from './render-json-feed';
import { renderRss } from './render-rss';

const RENDERERS: Record<FeedFormat, (doc: FeedDocument) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

export type RenderedFeed = { body: string; contentType: string };

export function renderFeed(doc: FeedDocument, format: FeedFormat): RenderedFeed {
  return { body: RENDERERS[format](doc), contentType: FEED_CONTENT_TYPES[format] };
}
