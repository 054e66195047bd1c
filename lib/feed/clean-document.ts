/**
 * Applies `stripXmlIllegal` to every string of a feed document, once, before any renderer sees it
 * (the `rss` package passes U+0001 & co. through and the XML would no longer parse). Titles (the
 * feed's and every item's) also lose any HTML markup: they are plain text in every format, and an
 * RSS reader would render markup in a CDATA title.
 */
import { stripXmlIllegal } from '../text/clean-text';
import { stripMarkup } from '../text/strip-markup';
import type { FeedDocument } from './feed-document';

function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return stripXmlIllegal(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)])) as T;
  }
  return value;
}

function plainTitles(doc: FeedDocument): FeedDocument {
  return {
    ...doc,
    title: stripMarkup(doc.title),
    items: doc.items.map((item) => ({ ...item, paper: { ...item.paper, title: stripMarkup(item.paper.title) } })),
  };
}

export const cleanFeedDocument = (doc: FeedDocument): FeedDocument => plainTitles(cleanDeep(doc));
