/**
 * Turns an arXiv response body into a parsed XML tree, or refuses it. A body that is empty, not
 * XML (an HTML error page) or not well-formed (a truncated download) is an error for the run, never
 * an empty day. Values stay strings (`parseTagValue: false`): ids like `2504.17830` and titles
 * like `1984` must not become numbers.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ArxivResponseError, bodyStartOf } from './arxiv-error';

/** Elements that may repeat, so they are always arrays. */
const REPEATED = new Set(['item', 'entry', 'category', 'author', 'link', 'day']);

/**
 * Names fast-xml-parser refuses outright (it throws for the whole document, which would make a
 * day unreadable over one stray element): renamed to this, then dropped. No arXiv field has them.
 */
const REFUSED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const IGNORED_ELEMENT = 'ignored-element';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // arXiv declares its namespaces per element in the old API layout and on the root in the new one;
  // local names (`announce_type`, `creator`, `doi`, `totalResults`) are the same in both.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Numeric references (`Caf&#233;`) are decoded too, not only the five XML entities; the
  // expansion limits fast-xml-parser applies to entities stay in place.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
  transformTagName: (name) => (REFUSED_NAMES.has(name) ? IGNORED_ELEMENT : name),
  updateTag: (name) => name !== IGNORED_ELEMENT,
});

export type XmlNode = Record<string, unknown>;

export function readXml(body: string, url?: string): XmlNode {
  const fail = (message: string) => new ArxivResponseError(message, { url, bodyStart: bodyStartOf(body) }, true);
  const trimmed = body.trimStart();
  if (!trimmed) throw fail('arXiv answered with an empty body');
  if (!trimmed.startsWith('<')) throw fail('arXiv answered with something that is not XML');
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw fail(`arXiv answered with malformed or truncated XML (line ${line}: ${msg})`);
  }
  return parser.parse(trimmed) as XmlNode;
}

/** Text content of an element that may carry attributes (`<title type="html">…`). */
export function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return textOf((node as XmlNode)['#text']);
  if (Array.isArray(node)) return node.length ? textOf(node[0]) : '';
  return '';
}

export function attrOf(node: unknown, name: string): string | undefined {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const v = (node as XmlNode)[`@_${name}`];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

export const asArray = (node: unknown): unknown[] => (Array.isArray(node) ? node : node === undefined || node === null ? [] : [node]);
