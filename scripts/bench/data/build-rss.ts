/**
 * Renders synthetic items as arXiv's announcement RSS (rss.arxiv.org/rss/<cats>, the 2024+ layout):
 * channel with skipDays, one `<item>` per paper with the `arXiv:<id>v<n> Announce Type: <type>
 * \nAbstract: …` description, `oai:` guid, categories, `arxiv:announce_type`, `dc:rights` and one
 * comma-separated `dc:creator`. XML is built with fast-xml-parser's XMLBuilder (escaping included).
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { SyntheticItem } from './build-items';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon, 01 Dec 2025 00:00:00 -0500`: midnight in New York, as arXiv dates its mailings (EST assumed: the bench uses winter days). */
export function arxivPubDate(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}, ${day.slice(8, 10)} ${MONTHS[d.getUTCMonth()]} ${day.slice(0, 4)} 00:00:00 -0500`;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });

function itemNode(item: SyntheticItem, pubDate: string) {
  return {
    title: item.title,
    link: `https://arxiv.org/abs/${item.id}`,
    description: `arXiv:${item.id}v${item.version} Announce Type: ${item.announceType} \nAbstract: ${item.abstract}`,
    guid: { '@_isPermaLink': 'false', '#text': `oai:arXiv.org:${item.id}v${item.version}` },
    category: item.categories,
    pubDate,
    'arxiv:announce_type': item.announceType,
    'dc:rights': item.license,
    ...(item.comments && { 'arxiv:comments': item.comments }),
    ...(item.journalRef && { 'arxiv:journal_reference': item.journalRef }),
    ...(item.doi && { 'arxiv:DOI': item.doi }),
    'dc:creator': item.authors.join(', '),
  };
}

export function buildRss(day: string, query: string[], items: SyntheticItem[]): string {
  const pubDate = arxivPubDate(day);
  const feedUrl = `http://rss.arxiv.org/rss/${query.join('+')}`;
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    rss: {
      '@_xmlns:arxiv': 'http://arxiv.org/schemas/atom',
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@_xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      '@_version': '2.0',
      channel: {
        title: `${query.join(', ')} updates on arXiv.org`,
        link: feedUrl,
        description: `${query.join(', ')} updates on the arXiv.org e-print archive.`,
        'atom:link': { '@_href': feedUrl, '@_rel': 'self', '@_type': 'application/rss+xml' },
        docs: 'http://www.rssboard.org/rss-specification',
        language: 'en-us',
        lastBuildDate: pubDate.replace('00:00:00 -0500', '05:30:00 +0000'),
        managingEditor: 'rss-help@arxiv.org',
        pubDate,
        skipDays: { day: ['Saturday', 'Sunday'] },
        item: items.map((i) => itemNode(i, pubDate)),
      },
    },
  };
  return builder.build(doc) as string;
}
