/**
 * Applies `stripXmlIllegal` to every string of a feed document, once, before any renderer sees it
 * (the `rss` package passes U+0001 & co. through and the XML would no longer parse).
 */
import { stripXmlIllegal } from '../text/clean-text';
import type { FeedDocument } from './feed-document';

function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return stripXmlIllegal(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)])) as T;
  }
  return value;
}

export const cleanFeedDocument = (doc: FeedDocument): FeedDocument => cleanDeep(doc);
