/** An arXiv API answer (Atom, the 2025+ layout) listing `papers`, for the local arXiv stand-in. */
import type { Paper } from '../../lib/model/paper';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function entry(p: Paper): string {
  return `  <entry>
    <id>http://arxiv.org/abs/${p.id}v${p.version}</id>
    <title>${escape(p.title)}</title>
    <updated>${p.announced}T09:00:00Z</updated>
    <summary>${escape(p.abstract)}</summary>
${p.categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n')}
    <published>${p.firstAnnounced}T09:00:00Z</published>
    <arxiv:primary_category term="${p.categories[0]}"/>
${p.authors.map((a) => `    <author><name>${escape(a)}</name></author>`).join('\n')}
  </entry>`;
}

export function apiFeedXml(papers: readonly Paper[]): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/test</id>
  <title>arXiv Query</title>
  <updated>2025-12-05T12:00:00Z</updated>
  <opensearch:itemsPerPage>${papers.length}</opensearch:itemsPerPage>
  <opensearch:totalResults>${papers.length}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
${papers.map(entry).join('\n')}
</feed>
`;
}
