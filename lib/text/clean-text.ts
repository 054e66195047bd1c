/**
 * The one place that removes characters XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C,
 * U+000E–U+001F, lone surrogates, U+FFFE, U+FFFF). Every renderer gets text through here:
 * the `rss` package passes them through and the document would no longer parse.
 * https://www.w3.org/TR/xml/#charsets
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Collapses the hard wraps arXiv puts in titles and abstracts (old API layout, RSS descriptions). */
export function unwrapWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
