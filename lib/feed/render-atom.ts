/** Atom 1.0 (RFC 4287) from a cleaned FeedDocument: a typed object in XMLBuilder's object form, written by xml-serialize. */
import { absUrl, htmlUrl, pdfUrl } from '../model/paper';
import type { FeedDocument, FeedItem } from './feed-document';
import { ARXIV_FEEDS_NS, ARXIV_NS, dayToIso } from './feed-namespaces';
import { formatScoreForFeed, itemContentHtml } from './item-content';
import { atomFeedHead } from './feed-channel';
import { serializeXmlObject } from './xml-serialize';

type Text = { '@_type': 'text' | 'html'; '#text': string };
type Link = { '@_rel': string; '@_type': string; '@_href': string; '@_title'?: string };
type Category = { '@_term': string; '@_scheme': string };
type Entry = {
  id: string;
  title: Text;
  updated: string;
  published: string;
  author: { name: string }[];
  link: Link[];
  category: Category[];
  summary: Text;
  content: Text;
  'arxiv:announce_type': string;
  'arxiv-feeds:score': string;
};

function toEntry(item: FeedItem): Entry {
  const p = item.paper;
  return {
    id: absUrl(p.id),
    title: { '@_type': 'text', '#text': p.title },
    // Moves when a later version or a summary arrives, so readers refresh the entry.
    updated: item.updated,
    published: dayToIso(p.firstAnnounced),
    // RFC 4287 requires an author per entry (or feed); arXiv always lists one, this is a guard.
    author: (p.authors.length ? p.authors : ['(no author listed)']).map((name) => ({ name })),
    link: [
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': absUrl(p.id) },
      { '@_rel': 'related', '@_type': 'application/pdf', '@_title': 'PDF', '@_href': pdfUrl(p.id, p.version) },
      { '@_rel': 'related', '@_type': 'text/html', '@_title': 'HTML', '@_href': htmlUrl(p.id, p.version) },
    ],
    // arXiv categories only; matched keywords stay in the content.
    category: p.categories.map((term) => ({ '@_term': term, '@_scheme': ARXIV_NS })),
    summary: { '@_type': 'text', '#text': p.abstract },
    content: { '@_type': 'html', '#text': itemContentHtml(item) },
    'arxiv:announce_type': p.announceType,
    'arxiv-feeds:score': formatScoreForFeed(item.score),
  };
}

/** The feed in XMLBuilder's object form (exported so the tests can hand the same object to the library). */
export function atomObject(doc: FeedDocument) {
  return {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xmlns:arxiv': ARXIV_NS,
      '@_xmlns:arxiv-feeds': ARXIV_FEEDS_NS,
      ...atomFeedHead(doc),
      entry: doc.items.map(toEntry),
    },
  };
}

export function renderAtom(doc: FeedDocument): string {
  return serializeXmlObject(atomObject(doc));
}
