/** Atom 1.0 (RFC 4287) of a digest document: one entry per period, written by xml-serialize.ts like the feed's. */
import { digestContentHtml, digestSummary, entryPapers } from './digest-content';
import type { DigestEntry, DigestView } from './digest-document';
import type { FeedDocument } from './feed-document';
import { ARXIV_FEEDS_NS, ARXIV_NS, GENERATOR } from './feed-namespaces';
import { atomFeedHead } from './feed-channel';
import { serializeXmlObject } from './xml-serialize';

function toEntry(doc: FeedDocument, entry: DigestEntry) {
  const papers = entryPapers(doc, entry);
  return {
    id: entry.id,
    title: { '@_type': 'text', '#text': entry.title },
    // Moves when one of the entry's papers gains a summary, so readers refresh it.
    updated: entry.updated,
    published: entry.published,
    link: [{ '@_rel': 'alternate', '@_type': 'text/html', '@_href': entry.url }],
    category: doc.categories.map((term) => ({ '@_term': term, '@_scheme': ARXIV_NS })),
    summary: { '@_type': 'text', '#text': digestSummary(entry, papers) },
    content: { '@_type': 'html', '#text': digestContentHtml(entry, papers) },
    'arxiv-feeds:papers': String(entry.count),
  };
}

export function renderDigestAtom(doc: FeedDocument, digest: DigestView): string {
  return serializeXmlObject({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xmlns:arxiv-feeds': ARXIV_FEEDS_NS,
      ...atomFeedHead(doc),
      // A digest entry lists many papers' authors in its content; RFC 4287 wants one author, the feed's.
      author: { name: GENERATOR },
      entry: digest.entries.map((entry) => toEntry(doc, entry)),
    },
  });
}
