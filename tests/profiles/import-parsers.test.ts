/**
 * The import's readers on the exports reference managers really write: arXiv's own "Export
 * BibTeX" (eprint + archivePrefix), BibLaTeX (eprinttype), Google Scholar (journal = arXiv
 * preprint arXiv:…), Zotero's RIS and CSL JSON (URL, DOI 10.48550/arXiv.…, number arXiv:…), and
 * pasted lists of ids and URLs. Records that name no arXiv paper are kept, labelled, as unresolved.
 */
import { describe, expect, it } from 'vitest';
import { anyArxivIds, markedArxivIds } from '../../lib/profiles/import-arxiv-ids';
import { parseBibtex } from '../../lib/profiles/import-bibtex';
import { detectFormat, readImportEntries } from '../../lib/profiles/import-entries';

const ids = (text: string) => readImportEntries(text).entries.map((e) => e.id);

describe('arXiv ids in free text', () => {
  it('finds URLs, DOIs and arXiv: prefixes, drops versions, keeps old-style case', () => {
    expect(markedArxivIds('see https://arxiv.org/abs/2401.01234v3 and http://export.arxiv.org/pdf/hep-th/9901001v2.pdf')).toEqual(['2401.01234', 'hep-th/9901001']);
    expect(markedArxivIds('https://doi.org/10.48550/arXiv.2312.00752')).toEqual(['2312.00752']);
    expect(markedArxivIds('arXiv preprint arXiv:1706.03762, 2017')).toEqual(['1706.03762']);
    expect(markedArxivIds('arxiv.org/abs/math.GT/0309136')).toEqual(['math.GT/0309136']);
  });

  it('does not take other DOIs, page ranges or longer numbers for ids', () => {
    expect(markedArxivIds('10.1145/3292500.3330701 pp. 1234.5678')).toEqual([]);
    expect(anyArxivIds('10.1145/3292500.3330701')).toEqual([]);
    expect(anyArxivIds('2401.012345 and 12401.01234')).toEqual([]);
    expect(anyArxivIds('2401.01234, 2312.00752v2; cond-mat/0101001')).toEqual(['2401.01234', '2312.00752', 'cond-mat/0101001']);
  });
});

const BIB = String.raw`
@string{jml = "Journal of Machine Learning"}
@comment{ exported by Zotero, @article inside a comment is not an entry }
@misc{vaswani2017attention,
  title = {Attention Is {All} You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
}
@online{gu2023mamba, title = "Mamba: {"}Linear{"} Time", eprinttype = {arxiv}, eprint = {arXiv:2312.00752v2}}
@article{scholar, title={Scaling laws}, journal={arXiv preprint arXiv:2001.08361}, year={2020}}
@inproceedings{doi, title={Some paper}, doi={10.48550/ARXIV.2205.14135}}
@article{url, title = {Old} # " style", url = {https://arxiv.org/abs/hep-th/9901001}}
@article{notarxiv, title={A Journal Paper}, journal = jml, doi = {10.1145/3292500.3330701}, eprint = {12345}, archivePrefix = {PubMed}}
@article{broken, title = {never closed
`;

describe('BibTeX', () => {
  it('reads entries with nested braces, quotes, # concatenation and macros; skips @string and @comment', () => {
    const { entries, skipped } = parseBibtex(BIB);
    expect(entries.map((e) => e.key)).toEqual(['vaswani2017attention', 'gu2023mamba', 'scholar', 'doi', 'url', 'notarxiv']);
    expect(entries[0]!.fields.title).toBe('Attention Is {All} You Need');
    expect(entries[1]!.fields.title).toBe('Mamba: {"}Linear{"} Time');
    expect(entries[4]!.fields.title).toBe('Old style');
    expect(entries[5]!.fields.journal).toBe('jml');
    expect(skipped).toEqual(['broken']);
  });

  it('resolves eprint (arXiv or no prefix), journal notes, arXiv DOIs and URLs; not other archives', () => {
    expect(detectFormat(BIB)).toBe('bibtex');
    expect(ids(BIB)).toEqual(['1706.03762', '2312.00752', '2001.08361', '2205.14135', 'hep-th/9901001', null, null]);
    const labels = readImportEntries(BIB).entries.map((e) => e.label);
    expect(labels[0]).toBe('vaswani2017attention: Attention Is All You Need');
    expect(labels.slice(-2)).toEqual(['notarxiv: A Journal Paper', 'broken: not readable as BibTeX']);
  });

  it('labels an entry by key and plain title', () => {
    expect(readImportEntries(String.raw`@book{knuth, title = {The {\TeX}book: \"Uber {Fonts}}}`).entries[0]!.label).toBe('knuth: The TeXbook: Uber Fonts');
  });

  it('accepts parentheses as delimiters', () => {
    expect(ids('@misc(key, eprint = "2401.01234")')).toEqual(['2401.01234']);
  });
});

const RIS = [
  'TY  - PREP',
  'TI  - Attention Is All You Need',
  'UR  - http://arxiv.org/abs/1706.03762',
  'ER  - ',
  'TY  - JOUR',
  'T1  - Mamba',
  'DO  - 10.48550/arXiv.2312.00752',
  'N1  - arXiv:2312.00752 [cs]',
  'ER  - ',
  'TY  - JOUR',
  'TI  - A journal paper',
  'DO  - 10.1145/3292500.3330701',
  'ER  - ',
  'TY  - GEN',
  'TI  - Accession only',
  'DB  - arXiv.org',
  'AN  - 2001.08361',
].join('\r\n');

describe('RIS', () => {
  it('reads records up to ER (the last one without), from DO, UR, N1 and arXiv accession numbers', () => {
    expect(detectFormat(RIS)).toBe('ris');
    const { entries } = readImportEntries(RIS);
    expect(entries.map((e) => e.id)).toEqual(['1706.03762', '2312.00752', null, '2001.08361']);
    expect(entries.map((e) => e.label)).toEqual(['Attention Is All You Need', 'Mamba', 'A journal paper', 'Accession only']);
  });
});

describe('CSL JSON', () => {
  it("reads Zotero's arXiv items by URL, DOI or number, one item or many", () => {
    const items = [
      { id: 'a', type: 'article', title: 'Attention', URL: 'http://arxiv.org/abs/1706.03762' },
      { id: 'b', type: 'article', title: 'Mamba', number: 'arXiv:2312.00752', publisher: 'arXiv' },
      { id: 'c', type: 'article-journal', title: 'Journal', DOI: '10.1145/3292500.3330701' },
      { id: 'd', title: 'Flash', DOI: '10.48550/arXiv.2205.14135' },
    ];
    expect(detectFormat(JSON.stringify(items))).toBe('csl-json');
    expect(ids(JSON.stringify(items, null, 2))).toEqual(['1706.03762', '2312.00752', null, '2205.14135']);
    expect(ids(JSON.stringify(items[0]))).toEqual(['1706.03762']);
    expect(readImportEntries(JSON.stringify(items)).entries[2]!.label).toBe('Journal');
  });

  it('refuses JSON that does not parse, naming the field', () => {
    expect(() => readImportEntries('[{"title": ')).toThrow(/looks like JSON but is not/);
  });
});

describe('a pasted list', () => {
  it('takes ids and URLs, several per line, and keeps lines naming none as unresolved', () => {
    const text = '2401.01234v2, https://arxiv.org/abs/2312.00752\n\nhep-th/9901001\nmy favourite paper on transformers\n';
    expect(detectFormat(text)).toBe('list');
    const { entries } = readImportEntries(text);
    expect(entries).toEqual([
      { id: '2401.01234', label: '2401.01234' },
      { id: '2312.00752', label: '2312.00752' },
      { id: 'hep-th/9901001', label: 'hep-th/9901001' },
      { id: null, label: 'my favourite paper on transformers' },
    ]);
  });
});
