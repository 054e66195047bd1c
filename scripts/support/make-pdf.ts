/**
 * A minimal valid PDF writer for tests and benchmarks: pages of text lines in the standard
 * Helvetica fonts (no embedding), one content stream per page, a correct cross-reference table.
 * Enough for pdf.js (and so unpdf) to extract the text back; nothing more.
 * https://opensource.adobe.com/dc-acrobat-sdk-docs/pdfstandards/PDF32000_2008.pdf (7.5, 9.4)
 */

export type PdfLine = string | { text: string; bold?: boolean; size?: number };

export type MakePdfOptions = {
  /** Bytes of `%` comment appended before the trailer, to make a big file cheaply. */
  paddingBytes?: number;
};

/** Literal string escaping (7.3.4.2); non-Latin-1 characters become `?` since the fonts are WinAnsi. */
const pdfString = (s: string) => `(${s.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`)})`;

function pageStream(lines: PdfLine[]): string {
  const ops: string[] = ['BT', '72 760 Td'];
  for (const line of lines) {
    const { text, bold, size } = typeof line === 'string' ? { text: line, bold: false, size: 10 } : { size: 10, ...line };
    ops.push(`/${bold ? 'F2' : 'F1'} ${size} Tf`, `${pdfString(text)} Tj`, `0 -${Math.round(size * 1.4)} Td`);
  }
  ops.push('ET');
  return ops.join('\n');
}

/** Pages of lines → the bytes of a PDF file. */
export function makePdf(pages: PdfLine[][], options: MakePdfOptions = {}): Buffer {
  const objects: string[] = [];
  /** Object numbers start at 1: the new length is the new object's number. */
  const add = (body: string) => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const boldFont = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const lines of pages) {
    const stream = pageStream(lines);
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${regular} 0 R /F2 ${boldFont} 0 R >> >> /Contents ${content} 0 R >>`),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  if (options.paddingBytes) out += `%${'x'.repeat(Math.max(0, options.paddingBytes - 2))}\n`;
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
