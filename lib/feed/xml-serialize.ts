/**
 * The feeds' one markup serializer: escapes text and attribute values, and writes the two tree
 * shapes we build — `MarkupNode` fragments (html-fragment.ts) and Atom's object form
 * (render-atom.ts) — straight to a string. It replaced fast-xml-parser's XMLBuilder, which per node
 * ran a path matcher, attribute extraction and five regex replaces per value, and was the largest
 * source of garbage per feed request. Output is byte-identical to XMLBuilder for these shapes but
 * for one bug of the library's (an attribute valued `true`, below); tests/feed/xml-serialize.test.ts
 * checks it against the library.
 *
 * Tag and attribute names come from code, never from data; only values are escaped.
 */

/** An element tree: a string is text, an object an element with its attributes and children. */
export type MarkupNode = string | { tag: string; attrs?: Record<string, string>; children: MarkupNode[] };

/**
 * XMLBuilder's default ("non-ordered") object form: `@_name` keys are attributes, `#text` is
 * text, an array repeats its element, a primitive is a text element, `undefined` is left out,
 * `null` is an empty `<x/>`, and a `?name` key with an object is a processing instruction
 * (`<?xml version="1.0"?>`).
 */
export type XmlObject = { [key: string]: XmlValue };
export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '>': '&gt;', '<': '&lt;', "'": '&apos;', '"': '&quot;' };
const SPECIAL = /[&<>'"]/;
const SPECIAL_ALL = /[&<>'"]/g;
const toEntity = (c: string) => ENTITIES[c]!;

/**
 * Every text and attribute value goes through here: XMLBuilder's processEntities (`&`, `>`, `<`,
 * `'`, `"`) in one pass, and no new string at all when there is nothing to escape (most values).
 */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, toEntity) : text;
}

function appendNode(out: string, node: MarkupNode): string {
  if (typeof node === 'string') return out + escapeXml(node);
  out += '<' + node.tag;
  const attrs = node.attrs;
  if (attrs) for (const name in attrs) out += ' ' + name + '="' + escapeXml(attrs[name]!) + '"';
  out += '>';
  for (const child of node.children) out = appendNode(out, child);
  return out + '</' + node.tag + '>';
}

/**
 * Markup for element trees, as XMLBuilder's preserveOrder form wrote it with attribute prefix
 * `''` and suppressEmptyNode off: every element gets a closing tag (`<p></p>`), every attribute
 * a quoted value (`hidden=""`).
 */
export function serializeMarkup(nodes: readonly MarkupNode[]): string {
  let out = '';
  for (const node of nodes) out = appendNode(out, node);
  return out;
}

const ATTR = '@_';
const TEXT = '#text';

/** XMLBuilder's valToStr: `String`, but keeping the sign of -0. */
function primitiveText(value: unknown, key: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  throw new TypeError(`xml-serialize: unsupported value for "${key}" (${typeof value})`);
}

const isObject = (value: unknown): value is XmlObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * ` name="value"`, always quoted: XMLBuilder (suppressBooleanAttributes) wrote a value of `true`
 * as a bare ` name`, which is not XML — a category or title that reads "true" would have broken
 * the whole feed. The one place this serializer differs from the library.
 */
function attribute(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') throw new TypeError(`xml-serialize: attribute "${name}" must be a primitive`);
  return ' ' + name + '="' + escapeXml(primitiveText(value, name)) + '"';
}

/** `<key>text</key>`, or `<key></key>` for empty text. */
const textElement = (key: string, value: XmlValue) => '<' + key + '>' + escapeXml(primitiveText(value, key)) + '</' + key + '>';

/** An element from an object: its `@_` attributes in the open tag, its text and children in order. */
function objectElement(key: string, obj: XmlObject): string {
  let attrs = '';
  let body = '';
  for (const name in obj) {
    if (!Object.hasOwn(obj, name)) continue;
    const value = obj[name];
    if (name === TEXT) {
      if (value !== undefined) body += escapeXml(primitiveText(value, key + '/' + TEXT));
    } else if (name.startsWith(ATTR) && name.length > ATTR.length) {
      attrs += attribute(name.slice(ATTR.length), value);
    } else {
      body = appendMember(body, name, value);
    }
  }
  if (key[0] === '?') return '<' + key + attrs + '?>';
  return '<' + key + attrs + '>' + body + '</' + key + '>';
}

/** One member of an object: nothing, a text element, an element, or (an array) one per item. */
function appendMember(out: string, key: string, value: XmlValue): string {
  if (value === undefined) return out;
  if (key.startsWith(ATTR) || key === TEXT) throw new TypeError(`xml-serialize: "${key}" cannot be an element`);
  if (key[0] === '?' && !isObject(value)) throw new TypeError(`xml-serialize: "${key}" needs an object of attributes`);
  if (value === null) return out + '<' + key + '/>';
  if (Array.isArray(value)) {
    // XMLBuilder writes an array's null items straight out, the others after the loop: nulls first.
    let items = '';
    for (const item of value) {
      if (Array.isArray(item)) throw new TypeError(`xml-serialize: nested array under "${key}"`);
      if (item === null) out += '<' + key + '/>';
      else items = appendMember(items, key, item);
    }
    return out + items;
  }
  if (isObject(value)) return out + objectElement(key, value);
  return out + textElement(key, value);
}

/**
 * A document from XMLBuilder's default object form, as XMLBuilder wrote it with
 * ignoreAttributes off, prefix `@_`, processEntities on and no formatting. Attributes on the root
 * object itself are dropped, as the library drops them.
 */
export function serializeXmlObject(root: XmlObject): string {
  let out = '';
  for (const key in root) {
    if (!Object.hasOwn(root, key) || key.startsWith(ATTR)) continue;
    out = appendMember(out, key, root[key]);
  }
  return out;
}
