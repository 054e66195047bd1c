/**
 * Picks the renderer for a format: one pure function per format over the same document. A digest
 * document (`doc.digest`) has its own view per feed format; the Markdown page renders either kind.
 */
import type { FeedDocument } from './feed-document';
import { OUTPUT_CONTENT_TYPES, type OutputFormat } from './feed-format';
import { renderAtom } from './render-atom';
import { renderDigestAtom } from './render-digest-atom';
import { renderDigestJson } from './render-digest-json';
import { renderDigestRss } from './render-digest-rss';
import { renderJsonFeed } from './render-json-feed';
import { renderMarkdown } from './render-markdown';
import { renderRss } from './render-rss';

const RENDERERS: Record<OutputFormat, (doc: FeedDocument) => string> = {
  rss: (doc) => (doc.digest ? renderDigestRss(doc, doc.digest) : renderRss(doc)),
  atom: (doc) => (doc.digest ? renderDigestAtom(doc, doc.digest) : renderAtom(doc)),
  json: (doc) => (doc.digest ? renderDigestJson(doc, doc.digest) : renderJsonFeed(doc)),
  md: renderMarkdown,
};

export type RenderedFeed = { body: string; contentType: string };

export function renderFeed(doc: FeedDocument, format: OutputFormat): RenderedFeed {
  return { body: RENDERERS[format](doc), contentType: OUTPUT_CONTENT_TYPES[format] };
}
