/**
 * A paper's fields as readers see them: TeX accents and text macros typeset as Unicode (math
 * kept for KaTeX and for readers who know TeX), author names without their affiliations. The
 * store keeps arXiv's raw text; every format and the page get this.
 */
import { authorName } from '../arxiv/split-authors';
import type { Paper } from '../model/paper';
import { texToText } from '../text/tex-to-text';

export function displayPaper(paper: Paper): Paper {
  const out: Paper = {
    ...paper,
    title: texToText(paper.title),
    abstract: texToText(paper.abstract),
    authors: paper.authors.map((a) => texToText(authorName(a))),
  };
  for (const field of ['comments', 'journalRef'] as const) {
    const text = paper[field];
    if (text !== undefined) out[field] = texToText(text);
  }
  return out;
}
