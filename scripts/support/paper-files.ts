/**
 * Synthetic papers as arXiv serves them, for tests and the bench: a LaTeXML-style HTML rendering
 * (arXiv's page chrome, scripts, styles, MathML with TeX alttext, tables, figures, footnotes and a
 * bibliography around the article) and a PDF of the same paper (running heads, page numbers and
 * arXiv's side stamp). Text that must never reach the model carries a `JUNK` marker
 * (`NAVJUNK`, `BIBJUNK`…); each section's text carries its own marker (`MARK-METHOD`…).
 */
import { makePdf, type PdfLine } from './make-pdf';

export type PaperSection = { heading: string; paragraphs: string[]; appendix?: boolean };

export const JUNK_MARKERS = ['NAVJUNK', 'HEADERJUNK', 'FOOTERJUNK', 'SCRIPTJUNK', 'STYLEJUNK', 'BIBJUNK', 'AUTHORJUNK', 'NOTEJUNK', 'TOCJUNK'];

const FILLER =
  'The model is trained on the corpus with a cosine schedule, and every number reported below is the mean of three seeds with the standard deviation in parentheses.';

/** Introduction, related work, method, experiments, results, conclusion and one appendix; `paragraphs` each. */
export function paperSections(id: string, paragraphs = 2): PaperSection[] {
  const body = (mark: string, first: string) => [`${first} ${mark} for ${id}.`, ...Array.from({ length: paragraphs - 1 }, (_, i) => `${FILLER} (${mark} paragraph ${i + 2}.)`)];
  return [
    { heading: '1 Introduction', paragraphs: body('MARK-INTRO', 'Speculative decoding is slow when drafts are rejected; we fix that.') },
    { heading: '2 Related Work', paragraphs: body('MARK-RELATED', 'Earlier drafting schemes use a fixed draft length.') },
    { heading: '3 Method', paragraphs: body('MARK-METHOD', 'Our drafter predicts the acceptance length with a small head.') },
    { heading: '4 Experiments', paragraphs: body('MARK-SETUP', 'We evaluate on GSM8K and HumanEval with Llama-3-8B on 8 A100 GPUs against Medusa and EAGLE.') },
    { heading: '5 Results', paragraphs: body('MARK-RESULTS', 'Decoding is 2.4x faster at equal accuracy.') },
    { heading: '6 Conclusion', paragraphs: body('MARK-CONCLUSION', 'Adaptive drafts help; long contexts remain future work.') },
    { heading: 'Appendix A Proofs', paragraphs: body('MARK-APPENDIX', 'The acceptance bound follows from Lemma 1.'), appendix: true },
  ];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlSection(section: PaperSection, n: number): string {
  const [num, ...words] = section.heading.split(' ');
  const cls = section.appendix ? 'ltx_appendix' : 'ltx_section';
  const paras = section.paragraphs
    .map((p, i) => `<div class="ltx_para" id="S${n}.p${i + 1}"><p class="ltx_p">${esc(p)}${i === 0 ? ` with <math alttext="\\alpha_{t}" class="ltx_Math" display="inline"><semantics><msub><mi>α</mi><mi>t</mi></msub><annotation encoding="application/x-tex">\\alpha_{t}</annotation></semantics></math> tuned<span class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">1</sup><span class="ltx_note_outer"><span class="ltx_note_content">NOTEJUNK footnote</span></span></span>.` : ''}</p></div>`)
    .join('\n');
  return `<section id="S${n}" class="${cls}">\n<h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">${esc(num!)} </span>${esc(words.join(' '))}</h2>\n${paras}\n</section>`;
}

const TABLE = `<figure class="ltx_table" id="T1"><figcaption class="ltx_caption"><span class="ltx_tag ltx_tag_table">Table 1: </span>Speed-up per benchmark.</figcaption>
<table class="ltx_tabular"><thead><tr><th class="ltx_td">Method</th><th class="ltx_td">GSM8K</th><th class="ltx_td">HumanEval</th></tr></thead>
<tbody><tr><td class="ltx_td">Ours</td><td class="ltx_td">2.4x</td><td class="ltx_td">2.1x</td></tr></tbody></table></figure>`;

const EQUATION = `<table class="ltx_equation ltx_eqn_table" id="S3.E1"><tbody><tr class="ltx_equation ltx_eqn_row"><td class="ltx_eqn_cell"><math alttext="L=\\sum_{i}\\log p(x_{i})" class="ltx_Math" display="block"><mi>L</mi></math></td><td class="ltx_eqn_cell ltx_eqn_eqno"><span class="ltx_tag ltx_tag_equation">(1)</span></td></tr></tbody></table>`;

/** A LaTeXML-style arXiv HTML page of the paper. */
export function latexmlHtml(id: string, sections: PaperSection[], abstract = `We make speculative decoding adaptive (${id}).`): string {
  const body = sections.map((s, i) => htmlSection(s, i + 1));
  body.splice(3, 0, EQUATION, TABLE);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${id}</title>
<style>.ltx_page_main{margin:0} /* STYLEJUNK */</style><script>window.STATE = "SCRIPTJUNK";</script></head>
<body><header class="mob_header"><a href="/">arXiv HEADERJUNK</a><nav class="ltx_page_navbar"><nav class="ltx_TOC"><ol><li>TOCJUNK 1 Introduction</li></ol></nav></nav></header>
<div class="ltx_page_main"><div class="ltx_page_content">
<article class="ltx_document ltx_authors_1line">
<h1 class="ltx_title ltx_title_document">Adaptive Drafts for ${id}</h1>
<div class="ltx_authors"><span class="ltx_creator ltx_role_author"><span class="ltx_personname">Ada AUTHORJUNK</span></span></div>
<div class="ltx_abstract"><h6 class="ltx_title ltx_title_abstract">Abstract</h6><p class="ltx_p">${esc(abstract)}</p></div>
${body.join('\n')}
<section id="bib" class="ltx_bibliography"><h2 class="ltx_title ltx_title_bibliography">References</h2><ul class="ltx_biblist"><li class="ltx_bibitem">BIBJUNK Leviathan et al. Fast inference. 2023.</li></ul></section>
</article></div>
<footer class="ltx_page_footer"><div class="ltx_page_logo">Generated by LaTeXML FOOTERJUNK</div></footer></div>
<script src="/static/browse/0.3.4/js/addons.js"></script><script>console.log("SCRIPTJUNK")</script></body></html>`;
}

/** Wraps text to lines of about `width` characters, as a PDF typesetter would. */
function wrap(text: string, width = 90): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The paper as a PDF: title page with arXiv's stamp, running head and page number on each page. */
export function paperPdf(id: string, sections: PaperSection[], options: { linesPerPage?: number } = {}): Buffer {
  const perPage = options.linesPerPage ?? 48;
  const flow: PdfLine[] = [{ text: `Adaptive Drafts for ${id}`, bold: true, size: 16 }, `arXiv:${id}v1 [cs.CL] 2 Mar 2026`, 'Ada Lovelace AUTHORJUNK', { text: 'Abstract', bold: true }, ...wrap(`We make speculative decoding adaptive (${id}).`)];
  sections.forEach((section, i) => {
    if (i === sections.length - 1 && section.appendix) flow.push({ text: 'References', bold: true }, '[1] BIBJUNK Leviathan et al. Fast inference from transformers via speculative decoding. ICML 2023.');
    flow.push({ text: section.heading, bold: true });
    for (const p of section.paragraphs) flow.push(...wrap(p));
  });
  const pages: PdfLine[][] = [];
  for (let i = 0; i < flow.length; i += perPage) {
    const n = pages.length + 1;
    pages.push([`Adaptive Drafts HEADERJUNK running head`, ...flow.slice(i, i + perPage), String(n)]);
  }
  return makePdf(pages);
}
