/**
 * OPML 2.0 (http://opml.org/spec2.opml) listing a reader's feeds so a feed reader imports them at
 * once. Format-neutral data in (`OpmlDocument`), XML out through XMLBuilder: never strings. Every
 * outline is `type="rss"`, the spec's one type for a feed subscription, Atom included.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { stripXmlIllegal } from '../text/clean-text';

export type OpmlOutline = { title: string; xmlUrl: string; htmlUrl: string };
export type OpmlDocument = { title: string; dateCreated: Date; outlines: OpmlOutline[] };

export const OPML_CONTENT_TYPE = 'text/x-opml; charset=utf-8';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, format: true, suppressEmptyNode: true });

export function renderOpml(doc: OpmlDocument): string {
  const clean = stripXmlIllegal;
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    opml: {
      '@_version': '2.0',
      head: { title: clean(doc.title), dateCreated: doc.dateCreated.toUTCString() },
      body: {
        outline: doc.outlines.map((o) => ({
          '@_type': 'rss',
          '@_text': clean(o.title),
          '@_title': clean(o.title),
          '@_xmlUrl': clean(o.xmlUrl),
          '@_htmlUrl': clean(o.htmlUrl),
        })),
      },
    },
  };
  return builder.build(tree) as string;
}
