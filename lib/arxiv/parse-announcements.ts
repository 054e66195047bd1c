/**
 * Parses one day of arXiv announcements from rss.arxiv.org: RSS 2.0 (`/rss/<cats>`), and the same
 * content in its Atom form (`/atom/<cats>`). Each item becomes a Paper as arXiv labelled it for the
 * feed as a whole; the ingest re-labels it per source (lib/jobs/ingest/bucket-papers.ts).
 * - id and version from the guid `oai:arXiv.org:2504.17830v1` (or the description/link);
 * - the description is `arXiv:ID Announce Type: new \nAbstract: …`;
 * - `dc:creator` is one comma-separated line of names;
 * - the announcement day is the channel's pubDate as a New York calendar day;
 * - an empty but valid channel is a quiet day (weekend, holiday: see `skipDays`);
 * - an unreadable item is skipped and counted, but when most items are unreadable (a renamed field)
 *   the answer is refused: that is a format change, not a quiet day;
 * - arXiv's error feed (title `Feed error for query: …`) is an error, not an empty day.
 */
import { AnnounceTypeSchema, PaperSchema, type Day, type Paper } from '../model/paper';
import { stripXmlIllegal, unwrapWhitespace } from '../text/clean-text';
import { newYorkDayOf } from './announcement-day';
import { ArxivResponseError, bodyStartOf } from './arxiv-error';
import { findArxivId } from './arxiv-id';
import { asArray, attrOf, readXml, textOf, type XmlNode } from './read-xml';
import { splitAuthors } from './split-authors';

export type Announcement = {
  /** The mailing's day; null only for an empty feed without any date. */
  day: Day | null;
  papers: Paper[];
  /** Items in the document, readable or not. */
  items: number;
  /** Items without an id, categories or a known announce type. */
  invalid: number;
  /** Days arXiv says it does not announce on (`Saturday`, `Sunday`). */
  skipDays: string[];
};

/** More unreadable items than this share of the answer fail the run instead of being skipped. */
export const MAX_UNREADABLE_SHARE = 0.5;

/** Removes XML-illegal characters and arXiv's hard wraps; everything else stays as arXiv sent it. */
export const cleanText = (text: string) => unwrapWhitespace(stripXmlIllegal(text));

const optional = (node: unknown) => {
  const text = cleanText(textOf(node));
  return text || undefined;
};

type RawItem = {
  guid: string;
  link: string;
  title: string;
  description: string;
  categories: string[];
  announceType: string;
  creator: string;
  rights?: string;
  doi?: string;
  journalRef?: string;
  comments?: string;
  date?: string;
};

/** The arxiv:/dc: elements, named alike in the RSS and the Atom form. */
const arxivFields = (node: XmlNode) => ({
  announceType: textOf(node.announce_type),
  creator: asArray(node.creator).map(textOf).join(', '),
  rights: optional(node.rights),
  doi: optional(node.DOI ?? node.doi),
  journalRef: optional(node.journal_reference ?? node.journal_ref),
  comments: optional(node.comments ?? node.comment),
});

const fromRssItem = (item: XmlNode): RawItem => ({
  guid: textOf(item.guid),
  link: textOf(item.link),
  title: textOf(item.title),
  description: textOf(item.description),
  categories: asArray(item.category).map(textOf),
  ...arxivFields(item),
  date: textOf(item.pubDate) || undefined,
});

const fromAtomEntry = (entry: XmlNode): RawItem => ({
  guid: textOf(entry.id),
  link: asArray(entry.link).map((l) => attrOf(l, 'href') ?? '').find(Boolean) ?? '',
  title: textOf(entry.title),
  description: textOf(entry.summary),
  categories: asArray(entry.category).map((c) => attrOf(c, 'term') ?? textOf(c)),
  ...arxivFields(entry),
  date: textOf(entry.published) || textOf(entry.updated) || undefined,
});

/** Why an item was skipped, for the refusal message when most of them are. */
type Unreadable = { problem: string };

function toPaper(raw: RawItem, day: Day): Paper | Unreadable {
  const ref = findArxivId(raw.guid) ?? findArxivId(raw.description.match(/arXiv:\S+/)?.[0]) ?? findArxivId(raw.link);
  const typeText = raw.announceType.trim() || raw.description.match(/Announce Type:\s*([a-z-]+)/)?.[1];
  const type = AnnounceTypeSchema.safeParse(typeText);
  const categories = [...new Set(raw.categories.map((c) => c.trim()).filter(Boolean))];
  if (!ref) return { problem: 'no arXiv id in guid, description or link' };
  if (!type.success) return { problem: typeText ? `unknown announce type "${typeText}"` : 'no announce type' };
  if (!categories.length) return { problem: 'no category' };
  const abstractAt = raw.description.search(/Abstract:/);
  const abstract = abstractAt >= 0 ? raw.description.slice(abstractAt + 'Abstract:'.length) : raw.description;
  const paper: Paper = {
    id: ref.id,
    version: ref.version,
    title: cleanText(raw.title),
    abstract: cleanText(abstract),
    authors: splitAuthors(stripXmlIllegal(raw.creator)),
    categories,
    announceType: type.data,
    announced: day,
    firstAnnounced: day,
    ...(raw.doi && { doi: raw.doi }),
    ...(raw.journalRef && { journalRef: raw.journalRef }),
    ...(raw.comments && { comments: raw.comments }),
    ...(raw.rights && { license: raw.rights }),
  };
  // The store refuses what the schema refuses (a version 0, say): skip the item, not the whole day.
  const checked = PaperSchema.safeParse(paper);
  if (checked.success) return paper;
  const issue = checked.error.issues[0];
  return { problem: `${ref.id}: ${issue?.path.join('.') || 'item'} ${issue?.message ?? 'is invalid'}` };
}

type Channel = { title: string; description: string; date?: string; items: RawItem[]; skipDays: string[] };

function readChannel(doc: XmlNode, body: string, url?: string): Channel {
  const rss = doc.rss as XmlNode | undefined;
  const channel = rss && typeof rss === 'object' ? (rss.channel as XmlNode | undefined) : undefined;
  if (channel && typeof channel === 'object') {
    const skip = channel.skipDays as XmlNode | undefined;
    return {
      title: textOf(channel.title),
      description: textOf(channel.description),
      date: textOf(channel.pubDate) || textOf(channel.lastBuildDate) || undefined,
      items: asArray(channel.item).map((i) => fromRssItem(i as XmlNode)),
      skipDays: skip && typeof skip === 'object' ? asArray(skip.day).map(textOf) : [],
    };
  }
  const feed = doc.feed as XmlNode | undefined;
  if (feed && typeof feed === 'object') {
    return {
      title: textOf(feed.title),
      description: textOf(feed.subtitle),
      date: textOf(feed.updated) || undefined,
      items: asArray(feed.entry).map((e) => fromAtomEntry(e as XmlNode)),
      skipDays: [],
    };
  }
  throw new ArxivResponseError('arXiv answered with XML that is not an RSS or Atom feed', { url, bodyStart: bodyStartOf(body) }, true);
}

/** Parses a response body; throws ArxivResponseError for anything that must not be stored. */
export function parseAnnouncements(body: string, url?: string): Announcement {
  const channel = readChannel(readXml(body, url), body, url);
  if (/^Feed error/i.test(channel.title.trim()))
    throw new ArxivResponseError(`arXiv feed error: ${cleanText(channel.description) || cleanText(channel.title)}`, { url, bodyStart: bodyStartOf(body) }, false);
  const day = newYorkDayOf(channel.date) ?? newYorkDayOf(channel.items.find((i) => i.date)?.date);
  if (!day && channel.items.length)
    throw new ArxivResponseError('arXiv feed has items but no announcement date', { url, bodyStart: bodyStartOf(body) }, false);
  const read = day ? channel.items.map((i) => toPaper(i, day)) : [];
  const papers = read.filter((p): p is Paper => !('problem' in p));
  const unreadable = read.filter((p): p is Unreadable => 'problem' in p);
  // A few bad records are skipped; most of them means arXiv changed its format, and storing the
  // readable rest (or nothing, as a quiet day) would hide that.
  if (unreadable.length > MAX_UNREADABLE_SHARE * channel.items.length)
    throw new ArxivResponseError(
      `arXiv's answer could not be read: ${unreadable.length} of ${channel.items.length} items are unreadable (first: ${unreadable[0]!.problem}); has the feed format changed?`,
      { url, bodyStart: bodyStartOf(body) },
      false,
    );
  return { day, papers, items: channel.items.length, invalid: unreadable.length, skipDays: channel.skipDays };
}
