/**
 * A tiny element tree serialized by fast-xml-parser's XMLBuilder, so item HTML is built from
 * data and every text and attribute is escaped by a library, never by template strings.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type HtmlNode = string | { tag: string; attrs?: Record<string, string>; children: HtmlNode[] };

export const h = (tag: string, attrs: Record<string, string> | null, ...children: HtmlNode[]): HtmlNode => ({
  tag,
  ...(attrs ? { attrs } : {}),
  children,
});

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  suppressEmptyNode: false,
  processEntities: true,
  format: false,
});

type Ordered = Record<string, unknown>;

const toOrdered = (node: HtmlNode): Ordered =>
  typeof node === 'string'
    ? { '#text': node }
    : { [node.tag]: node.children.map(toOrdered), ...(node.attrs ? { ':@': node.attrs } : {}) };

export function renderHtml(nodes: HtmlNode[]): string {
  return nodes.length ? (builder.build(nodes.map(toOrdered)) as string) : '';
}
