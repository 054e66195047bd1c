/** RSS 2.0 from a cleaned FeedDocument, with the `rss` package (which escapes and CDATA-wraps). */
import type RSS from 'rss';
import { absUrl } from '../model/paper';
import type { FeedDocument, FeedItem } from './feed-document';
import { dayToIso } from './feed-namespaces';
import { formatScoreForFeed, itemContentHtml } from './item-content';
import { rssChannel } from './feed-channel';

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
  const feed = rssChannel(doc);
  for (const item of doc.items) feed.item(itemOptions(item));
  return feed.xml();
}
