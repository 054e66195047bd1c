/**
 * A tiny element tree for item HTML, so markup is built from data and never from template
 * strings: every text and attribute value is escaped by one function (`escapeXml` in
 * xml-serialize.ts, checked against fast-xml-parser's output in tests/feed/xml-serialize.test.ts).
 */
import { serializeMarkup, type MarkupNode } from './xml-serialize';

export type HtmlNode = MarkupNode;

export const h = (tag: string, attrs: Record<string, string> | null, ...children: HtmlNode[]): HtmlNode => ({
  tag,
  ...(attrs ? { attrs } : {}),
  children,
});

/** The nodes as HTML: every element closed (`<p></p>`), every attribute quoted (`hidden=""`). */
export function renderHtml(nodes: HtmlNode[]): string {
  return serializeMarkup(nodes);
}
