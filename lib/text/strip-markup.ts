/**
 * Turns a title that may carry HTML (arXiv passes submitters' markup through, a profile's keywords
 * are anyone's text) into plain text: feed titles are text in every format (RSS readers render a
 * CDATA title as HTML, Atom's is `type="text"`, JSON Feed's is plain by spec).
 * Only tags of real HTML elements are removed, so the comparisons of a TeX title stay:
 * `$\alpha < 1$`, `$a<b$`, `x <- y`. Elements whose content is code or another document
 * (script, style, iframe, …) go with their content.
 */

/** HTML (and MathML/SVG root) element names that occur in text markup or in injected markup. */
const ELEMENTS = [
  'a', 'abbr', 'acronym', 'address', 'article', 'aside', 'audio', 'b', 'base', 'bdi', 'bdo', 'big', 'blink', 'blockquote', 'body',
  'br', 'button', 'canvas', 'caption', 'center', 'cite', 'code', 'col', 'dd', 'del', 'details', 'dfn', 'dialog', 'div', 'dl', 'dt', 'em',
  'embed', 'fieldset', 'figcaption', 'figure', 'font', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head',
  'header', 'hr', 'html', 'i', 'iframe', 'img', 'input', 'ins', 'kbd', 'label', 'legend', 'li', 'link', 'main', 'mark', 'marquee', 'math',
  'meta', 'mi', 'mn', 'mo', 'mrow', 'msub', 'msubsup', 'msup', 'nav', 'noscript', 'object', 'ol', 'option', 'p', 'param', 'picture', 'pre',
  'q', 's', 'samp', 'script', 'section', 'select', 'small', 'source', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup', 'svg',
  'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'time', 'title', 'tr', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
].join('|');

/** `<name`, then attributes only (`a`, `a=b`, `a="…"`), then `>` or `/>`: `$a<b$` is no tag. */
const ATTRIBUTES = String.raw`(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=\x60]+))?)*\s*\/?`;
const TAG = new RegExp(String.raw`<\/?(${ELEMENTS})${ATTRIBUTES}>`, 'gi');
/** Tags that separate words (`a<br>b`); the others sit inside a word (`H<sub>2</sub>O`). */
const BREAKING = new Set(['br', 'p', 'div', 'li', 'tr', 'td', 'th', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'dd', 'dt']);
const WITH_CONTENT = new RegExp(String.raw`<(script|style|iframe|noscript|template|textarea|title|object)${ATTRIBUTES}>[\s\S]*?<\/\1\s*>`, 'gi');
/** HTML comments and CDATA-like leftovers are never text. */
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

export function stripMarkup(text: string): string {
  if (!text.includes('<')) return text;
  const stripped = text
    .replace(COMMENT, '')
    .replace(WITH_CONTENT, ' ')
    .replace(TAG, (_tag, name: string) => (BREAKING.has(name.toLowerCase()) ? ' ' : ''));
  return stripped === text ? text : stripped.replace(/\s+/g, ' ').trim();
}
