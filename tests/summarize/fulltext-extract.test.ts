/**
 * Text extraction for full-text summaries, on its own: LaTeXML-style HTML (chrome and references
 * dropped, math as TeX, tables as rows, appendix marked), PDF page text (running heads, page
 * numbers and arXiv's stamp dropped, headings only in numbering order), a real PDF through unpdf,
 * and the cut to a character budget (priorities, fair shares, what was cut). Plus the stored
 * summary shape: summaries stored before full text existed still parse.
 */
import { describe, expect, it } from 'vitest';
import { StoredSummarySchema, summarySource } from '../../lib/model/summary';
import { assignRoles, headingWords, type DocSection } from '../../lib/summarize/fulltext/doc-sections';
import { extractHtmlSections } from '../../lib/summarize/fulltext/extract-html';
import { extractPdfSections, pdfPagesToSections } from '../../lib/summarize/fulltext/extract-pdf';
import { cutText, fairShares, fitSections } from '../../lib/summarize/fulltext/fit-sections';
import { makePdf } from '../../scripts/support/make-pdf';
import { JUNK_MARKERS, latexmlHtml, paperPdf, paperSections } from '../../scripts/support/paper-files';

const section = (heading: string, text: string, level = 2, appendix = false): DocSection => ({ heading, level, text, appendix });

describe('HTML (LaTeXML)', () => {
  const sections = extractHtmlSections(latexmlHtml('2603.00001', paperSections('2603.00001', 2)));
  const all = sections.map((s) => `${s.heading}\n${s.text}`).join('\n');

  it('keeps headings, paragraphs, captions, table rows and TeX math; drops chrome, notes, authors and references', () => {
    expect(sections.map((s) => s.heading)).toEqual([
      'Adaptive Drafts for 2603.00001',
      'Abstract',
      '1 Introduction',
      '2 Related Work',
      '3 Method',
      '4 Experiments',
      '5 Results',
      '6 Conclusion',
      'Appendix A Proofs',
    ]);
    for (const junk of JUNK_MARKERS) expect(all).not.toContain(junk);
    const method = sections.find((s) => s.heading === '3 Method')!.text;
    expect(method).toContain('MARK-METHOD for 2603.00001. with $\\alpha_{t}$ tuned.');
    expect(method).toContain('$$L=\\sum_{i}\\log p(x_{i})$$ (1)');
    expect(method).toContain('Table 1: Speed-up per benchmark.\nMethod | GSM8K | HumanEval\nOurs | 2.4x | 2.1x');
    // MathML's own text (α, t) and the TeX annotation are not repeated after the alttext.
    expect(method).not.toMatch(/α|\\alpha_\{t\}\s*\\alpha/);
    expect(sections.find((s) => s.heading.startsWith('Appendix'))!.appendix).toBe(true);
    expect(sections.filter((s) => s.appendix)).toHaveLength(1);
  });

  it('reads only the <article> when there is one, everything but chrome when there is none', () => {
    const page = '<html><body><div class="menu">Menu NAVJUNK</div><article><h2>1 Intro</h2><p>Body &amp; soul.</p></article><p>Outside NAVJUNK</p></body></html>';
    expect(extractHtmlSections(page)).toEqual([section('1 Intro', 'Body & soul.')]);
    const bare = '<html><body><nav>NAVJUNK</nav><h2>1 Intro</h2><p>Body<br>next line</p><script>SCRIPTJUNK</script><footer>FOOTERJUNK</footer></body></html>';
    expect(extractHtmlSections(bare)).toEqual([section('1 Intro', 'Body\nnext line')]);
  });

  it('roles: related work and its subsections are context, custom-named body sections are core', () => {
    const roles = assignRoles([
      section('', 'front'),
      section('Abstract', 'a', 6),
      section('1 Introduction', 'i'),
      section('2 Related Work', 'r'),
      section('2.1 Speculative decoding', 'r1', 3),
      section('3 SpecDec: drafting with heads', 'm'),
      section('3.1 Training', 'm1', 3),
      section('Acknowledgments', 'thanks'),
      section('References', 'bib'),
      section('A Proofs', 'p', 2, true),
    ]);
    expect(roles).toEqual(['front', 'abstract', 'core', 'context', 'context', 'core', 'core', 'back', 'references', 'appendix']);
    expect(headingWords('IV. EXPERIMENTAL RESULTS')).toBe('experimental results');
    expect(headingWords('Appendix B: More results')).toBe('appendix more results');
  });
});

describe('PDF', () => {
  it('drops running heads, page numbers and the arXiv stamp; takes headings in numbering order only', () => {
    const head = 'Adaptive Drafts (preprint)';
    const pages = [
      `Adaptive Drafts\narXiv:2603.00001v1 [cs.CL] 2 Mar 2026\nAda Lovelace\nAbstract\nWe draft adaptively.\n1 Introduction\nDrafts are rejected of-\nten.\n1`,
      `${head}\n2 GPUs were used in every run and\n2 Method\nWe predict lengths.\n2.1 Training\nWe train a head.\n2`,
      `${head}\nTable 3 Results Overview\n3 Experiments\nWe test on GSM8K.\nReferences\n[1] BIBJUNK A. Author. Title. 2023.\n3`,
      `${head}\nA Proofs\nThe bound holds.\nPage 4 of 4`,
    ];
    const sections = pdfPagesToSections(pages);
    expect(sections.map((s) => [s.heading, s.level, s.appendix])).toEqual([
      ['', 0, false],
      ['Abstract', 1, false],
      ['1 Introduction', 1, false],
      ['2 Method', 1, false],
      ['2.1 Training', 2, false],
      ['3 Experiments', 1, false],
      ['A Proofs', 1, true],
    ]);
    const text = sections.map((s) => s.text).join('\n');
    expect(text).not.toMatch(/preprint|BIBJUNK|\[cs\.CL\]|Page 4/);
    // "2 GPUs were used…" is a sentence that starts with a number, not a second section 2.
    expect(sections[2]!.text).toBe('Drafts are rejected often. 2 GPUs were used in every run and');
    expect(sections.find((s) => s.heading === '2 Method')!.text).toBe('We predict lengths.');
  });

  it('reads a real PDF through unpdf, and a text without headings is all body', async () => {
    const id = '2603.00002';
    const sections = await extractPdfSections(new Uint8Array(paperPdf(id, paperSections(id, 3), { linesPerPage: 12 })));
    expect(sections.map((s) => s.heading)).toEqual(['', 'Abstract', '1 Introduction', '2 Related Work', '3 Method', '4 Experiments', '5 Results', '6 Conclusion', 'Appendix A Proofs']);
    const text = fitSections(sections, 100_000).text;
    for (const junk of ['HEADERJUNK', 'BIBJUNK', 'AUTHORJUNK']) expect(text).not.toContain(junk);
    expect(text).toContain('MARK-RESULTS for 2603.00002.');

    const plain = await extractPdfSections(new Uint8Array(makePdf([['Just some text without any heading,', 'over two lines.']])));
    expect(fitSections(plain, 1000).text).toBe('Just some text without any heading, over two lines.');
  });

  it('a file pdf.js cannot read is an error, not a crash', async () => {
    await expect(extractPdfSections(new Uint8Array(Buffer.from('%PDF-1.4\nnot really a pdf')))).rejects.toThrow();
  });
});

describe('cutting to the budget', () => {
  it('fair shares: small items whole, the rest split equally', () => {
    expect(fairShares([100, 1000, 5000], 10_000)).toEqual([100, 1000, 5000]);
    expect(fairShares([100, 1000, 5000], 2_100)).toEqual([100, 1000, 1000]);
    expect(fairShares([3000, 3000], 2_000)).toEqual([1000, 1000]);
  });

  it('cuts at a sentence end in the second half, and marks the cut', () => {
    expect(cutText('One two. Three four five six seven.', 20)).toBe('One two. […]');
    expect(cutText('short', 20)).toBe('short');
  });

  it('serves the body before related work and the appendix, and lists what it cut', () => {
    const long = (mark: string) => Array.from({ length: 40 }, (_, i) => `${mark} sentence ${i} is here.`).join(' ');
    const sections = [
      section('1 Introduction', long('INTRO')),
      section('2 Related Work', long('RELATED')),
      section('3 Method', long('METHOD')),
      section('4 Results', 'RESULTS are short.'),
      section('References', long('BIB')),
      section('A Extra', long('APPX'), 2, true),
    ];
    const fitted = fitSections(sections, 2_000);
    expect(fitted.text.length).toBeLessThanOrEqual(2_000);
    expect(fitted.text).toContain('## 4 Results\nRESULTS are short.');
    expect(fitted.text).toMatch(/INTRO sentence 0[^]*METHOD sentence 0/);
    expect(fitted.text).not.toMatch(/RELATED|APPX|BIB/);
    expect(fitted.cut).toEqual(['1 Introduction (shortened)', '2 Related Work (left out)', '3 Method (shortened)', 'A Extra (left out)']);
    expect(fitSections(sections, 1_000_000).cut).toEqual([]);
  });
});

describe('stored summary shape', () => {
  const old = { paperId: '2603.00001', version: 1, language: 'en', model: 'm', promptVersion: 'p1', content: { tldr: 't', contributions: [], method: 'm', results: 'r', limitations: 'l' }, createdAt: '2026-01-01T00:00:00Z', tokens: 5 };

  it('summaries stored before full text existed parse, and read as made from the abstract', () => {
    const parsed = StoredSummarySchema.parse(old);
    expect(summarySource(parsed)).toBe('abstract');
    expect(parsed.input).toBeUndefined();
  });

  it('full-text fields round-trip; a bad source is refused', () => {
    const full = { ...old, source: 'fulltext-pdf', input: { downloads: 2, bytes: 10, chars: 300 }, content: { ...old.content, problem: 'p', setup: { datasets: 'GSM8K' }, futureWork: 'f' } };
    expect(StoredSummarySchema.parse(full)).toEqual(full);
    expect(StoredSummarySchema.safeParse({ ...old, source: 'fulltext-docx' }).success).toBe(false);
  });
});
