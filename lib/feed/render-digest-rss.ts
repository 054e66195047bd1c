/** RSS 2.0 of a digest document, with the `rss` package (which escapes and CDATA-wraps): one item per period. */
import type RSS from 'rss';
import { entryPapers, digestContentHtml } from './digest-content';
import type { DigestEntry, DigestView } from './digest-document';
import type { FeedDocument } from './feed-document';
import { rssChannel } from './feed-channel';

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
  const feed = rssChannel(doc);
  for (const entry of digest.entries) feed.item(itemOptions(doc, entry));
  return feed.xml();
}
