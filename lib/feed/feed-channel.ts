/**
 * The feed-level parts every renderer of a format shares, whether its items are papers or digest
 * periods: the RSS channel, the Atom feed head, the JSON Feed `_arxiv` extension.
 */
import RSS from 'rss';
import type { FeedDocument } from './feed-document';
import { ARXIV_FEEDS_NS, ARXIV_NS, GENERATOR } from './feed-namespaces';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export function rssChannel(doc: FeedDocument): RSS {
  return new RSS({
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
}

/** `<feed>`'s language, id, title, subtitle, updated, links, generator and categories. */
export function atomFeedHead(doc: FeedDocument) {
  return {
    '@_xml:lang': doc.language,
    id: doc.selfUrl,
    title: { '@_type': 'text', '#text': doc.title },
    subtitle: { '@_type': 'text', '#text': doc.description },
    updated: doc.updated,
    link: [
      { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': doc.selfUrl },
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': doc.homeUrl },
    ],
    generator: GENERATOR,
    category: doc.categories.map((term) => ({ '@_term': term, '@_scheme': ARXIV_NS })),
  };
}

/** JSON Feed's version, title, links, description and language. */
export function jsonFeedHead(doc: FeedDocument) {
  return {
    version: JSON_FEED_VERSION,
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: doc.selfUrl,
    description: doc.description,
    language: doc.language,
  };
}

/** JSON Feed's top-level `_arxiv`: what the feed holds, and what it left out and why. */
export function jsonFeedExtension(doc: FeedDocument) {
  return {
    updated: doc.updated,
    categories: doc.categories,
    keywords: doc.keywords,
    days: doc.days,
    not_ingested: doc.notIngested,
    notices: doc.notices,
    summaries: doc.summariesOff ? 'off' : 'on',
    summaries_pending: doc.summariesPending,
    shown: doc.items.length,
    left_out: { below_min_score: doc.leftOut.belowMinScore, past_limit: doc.leftOut.pastLimit },
  };
}
