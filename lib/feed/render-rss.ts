/** RSS 2.0 from a cleaned FeedDocument, with the `rss` package (which escapes and CDATA-wraps). */
import RSS from 'rss';
import { absUrl } from '../model/paper';
import type { FeedDocument, FeedItem } from './feed-document';
import { ARXIV_FEEDS_NS, ARXIV_NS, GENERATOR, dayToIso } from './feed-namespaces';
import { formatScoreForFeed, itemContentHtml } from './item-content';

function itemOptions(item: FeedItem): RSS.ItemOptions {
  const p = item.paper;
  return {
    title: p.title,
    description: itemContentHtml(item),
    url: absUrl(p.id),
    // One guid per paper, not per version: a replacement is the same item for the reader.
    guid: absUrl(p.id),
    // arXiv categories only: readers list categories as the item's subjects, and a matched
    // keyword is no subject (it stays in the content and the score).
    categories: p.categories,
    date: dayToIso(p.announced),
    custom_elements: [
      // arXiv's own RSS puts all names in one dc:creator; readers show it as the byline.
      ...(p.authors.length ? [{ 'dc:creator': p.authors.join(', ') }] : []),
      { 'arxiv:announce_type': p.announceType },
      { 'arxiv-feeds:score': formatScoreForFeed(item.score) },
    ],
  };
}

export function renderRss(doc: FeedDocument): string {
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
  for (const item of doc.items) feed.item(itemOptions(item));
  return feed.xml();
}
