/**
 * Text of an arXiv HTML rendering (LaTeXML output: https://math.nist.gov/~BMiller/LaTeXML/) as
 * sections, with a streaming parser (htmlparser2): no DOM is built, so a 20 MB page costs its
 * string and the text, not a tree ten times its size. Kept: headings, paragraphs, lists,
 * captions, table rows (cells joined by ` | `), math as its LaTeX `alttext`. Dropped: the page's
 * chrome (navigation, header, footer, LaTeXML page header/footer, table of contents), scripts,
 * styles, images, the author block, footnotes and the bibliography. When the page has an
 * `<article>` (arXiv's do), only its inside is read.
 */
import { Parser } from 'htmlparser2';
import type { DocSection } from './doc-sections';

const SKIP_TAGS = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'button', 'form', 'select', 'textarea',
  'iframe', 'object', 'svg', 'canvas', 'img', 'picture', 'video', 'audio', 'annotation', 'annotation-xml',
]);
const SKIP_CLASSES = [
  'ltx_bibliography', 'ltx_page_header', 'ltx_page_footer', 'ltx_page_navbar', 'ltx_TOC', 'ltx_authors', 'ltx_note',
  'ltx_dates', 'ltx_ERROR', 'ltx_page_logo', 'package-alerts',
];
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'caption',
  'table', 'thead', 'tbody', 'tr', 'blockquote', 'pre', 'br', 'hr',
]);
const HEADING = /^h([1-6])$/;

const classesOf = (attribs: Record<string, string>) => (attribs.class ?? '').split(/\s+/);
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The open-tag stack, with what each element switched on, so closing undoes exactly that. */
type Frame = { name: string; skip: boolean; article: boolean; appendix: boolean; equation: boolean };

class SectionBuilder {
  readonly sections: DocSection[] = [];
  private current: DocSection = { heading: '', level: 0, text: '', appendix: false };
  private paragraph = '';
  private heading: { level: number; text: string } | null = null;

  text(s: string): void {
    if (this.heading) this.heading.text += s;
    else this.paragraph += s;
  }

  /** A block boundary: the paragraph so far becomes a line of the current section. */
  flush(): void {
    const line = collapse(this.paragraph);
    this.paragraph = '';
    if (line) this.current.text += (this.current.text ? '\n' : '') + line;
  }

  openHeading(level: number): void {
    this.flush();
    this.heading = { level, text: '' };
  }

  closeHeading(appendix: boolean): void {
    if (!this.heading) return;
    const heading = collapse(this.heading.text);
    const level = this.heading.level;
    this.heading = null;
    if (!heading) return;
    this.pushCurrent();
    this.current = { heading, level, text: '', appendix };
  }

  finish(): DocSection[] {
    this.flush();
    this.pushCurrent();
    return this.sections;
  }

  private pushCurrent(): void {
    if (this.current.heading || this.current.text) this.sections.push(this.current);
  }
}

/** Math as `$alttext$` (`$$…$$` when displayed); the MathML inside is then skipped. */
function mathText(attribs: Record<string, string>): string | null {
  const alt = attribs.alttext?.trim();
  if (!alt) return null;
  return attribs.display === 'block' ? ` $$${alt}$$ ` : ` $${alt}$ `;
}

/** The tag-by-tag walk: which elements are read, and where blocks, rows and headings begin and end. */
class PageReader {
  readonly out = new SectionBuilder();
  private readonly stack: Frame[] = [];
  private skipDepth = 0;
  private articleDepth = 0;
  private appendixDepth = 0;
  private equationDepth = 0;
  private cellInRow = 0;

  /** `articleOnly`: outside an <article> everything is chrome. */
  constructor(private readonly articleOnly: boolean) {}

  private reading(): boolean {
    return this.skipDepth === 0 && (!this.articleOnly || this.articleDepth > 0);
  }

  /** Table cells and rows break lines, except in LaTeXML's equation layout tables. */
  private breaks(name: string): boolean {
    return BLOCK_TAGS.has(name) && !(this.equationDepth > 0 && name !== 'table');
  }

  open(name: string, attribs: Record<string, string>): void {
    const classes = classesOf(attribs);
    const frame: Frame = {
      name,
      skip: SKIP_TAGS.has(name) || SKIP_CLASSES.some((c) => classes.includes(c)) || attribs['aria-hidden'] === 'true',
      article: name === 'article',
      appendix: classes.includes('ltx_appendix'),
      equation: name === 'table' && classes.some((c) => c.startsWith('ltx_equation') || c === 'ltx_eqn_table'),
    };
    this.stack.push(frame);
    if (frame.article) this.articleDepth++;
    if (frame.appendix) this.appendixDepth++;
    if (frame.equation) this.equationDepth++;
    const tex = name === 'math' && this.reading() ? mathText(attribs) : null;
    if (tex) this.out.text(tex);
    if (frame.skip || tex) this.skipDepth++;
    frame.skip ||= Boolean(tex);
    if (!this.reading()) return;
    const heading = HEADING.exec(name);
    if (heading) this.out.openHeading(Number(heading[1]));
    else if (this.equationDepth === 0 && name === 'tr') this.cellInRow = 0;
    if (this.equationDepth === 0 && (name === 'td' || name === 'th') && this.cellInRow++ > 0) this.out.text(' | ');
    else if (!heading && this.breaks(name)) this.out.flush();
  }

  text(text: string): void {
    if (this.reading()) this.out.text(text);
  }

  close(name: string): void {
    const frame = this.stack.pop();
    if (!frame) return;
    const wasReading = this.reading();
    if (frame.skip) this.skipDepth--;
    if (wasReading && HEADING.test(name)) this.out.closeHeading(this.appendixDepth > 0);
    else if (wasReading && this.breaks(name)) this.out.flush();
    if (frame.article) this.articleDepth--;
    if (frame.appendix) this.appendixDepth--;
    if (frame.equation) this.equationDepth--;
  }
}

/** Parses the page and returns its sections in document order. */
export function extractHtmlSections(html: string): DocSection[] {
  const reader = new PageReader(/<article[\s>]/i.test(html));
  const parser = new Parser(
    { onopentag: (name, attribs) => reader.open(name, attribs), ontext: (text) => reader.text(text), onclosetag: (name) => reader.close(name) },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return reader.out.finish();
}

/** Bytes → text in the charset the response names (arXiv's HTML is UTF-8). */
export function decodeHtml(bytes: Uint8Array, contentType: string): string {
  const label = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
