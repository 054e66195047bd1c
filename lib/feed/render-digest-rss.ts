/** RSS 2.0 of a digest document, with the `rss` package (which escapes and CDATA-wraps): one item per period. */
import RSS from 'rss';
import { entryPapers, digestContentHtml } from './digest-content';
import type { DigestEntry, DigestView } from './digest-document';
import type { FeedDocument } from './feed-document';
import { ARXIV_FEEDS_NS, ARXIV_NS, GENERATOR } from './feed-namespaces';

function itemOptions(doc: FeedDocument, entry: DigestEntry): RSS.ItemOptions {
  return {
    title: entry.title,
    description: digestContentHtml(entry, entryPapers(doc, entry)),
    url: entry.url,
    // A tag: URI is no link, so the package writes isPermaLink="false".
    guid: entry.id,
    categories: doc.categories,
    date: entry.published,
    custom_elements: [{ 'arxiv-feeds:papers': String(entry.count) }],
  };
}

export function renderDigestRss(doc: FeedDocument, digest: DigestView): string {
  const feed = new RSS({
    title: doc.title,
    description: doc.description,
    feed_url: doc.selfUrl,
    site_url: doc.homeUrl,
    generator: GENERATOR,
    language: doc.language,
    pubDate: doc.updated,
    categories: doc.categories,
    custom_namespaces: { arxiv: ARXIV_NS, 'arxiv-feeds': ARXIV_FEEDS_NS },
  });
  for (const entry of digest.entries) feed.item(itemOptions(doc, entry));
  return feed.xml();
}
