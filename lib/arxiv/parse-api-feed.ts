/**
 * Parses one page of the arXiv API (export.arxiv.org/api/query, Atom 1.0) in both layouts: the
 * 2025+ one (namespaces on the root, one-line text) and the old one (hard-wrapped titles and
 * abstracts, `xmlns:arxiv` declared on every element). arXiv reports errors as a single entry
 * titled `Error` whose id is `…/api/errors#…`: that is an error, not a result.
 * https://info.arxiv.org/help/api/user-manual.html
 */
import type { Paper } from '../model/paper';
import { stripXmlIllegal } from '../text/clean-text';
import { ArxivResponseError, bodyStartOf } from './arxiv-error';
import { findArxivId } from './arxiv-id';
import { cleanText } from './parse-announcements';
import { asArray, attrOf, readXml, textOf, type XmlNode } from './read-xml';

/** A paper as the API describes it, before it is placed on an announcement day. */
export type ApiPaper = Omit<Paper, 'announceType' | 'announced' | 'firstAnnounced'> & {
  /** Submission time of version 1. */
  published: Date;
  /** Submission time of the newest version. */
  updated: Date;
};

export type ApiPage = { totalResults: number; startIndex: number; itemsPerPage: number; papers: ApiPaper[]; invalid: number };

const optional = (node: unknown) => cleanText(textOf(node)) || undefined;
const count = (node: unknown) => {
  const n = Number.parseInt(textOf(node), 10);
  return Number.isFinite(n) ? n : 0;
};

function toApiPaper(entry: XmlNode): ApiPaper | null {
  const ref = findArxivId(textOf(entry.id));
  const primary = attrOf(entry.primary_category, 'term');
  const categories = [...new Set([primary, ...asArray(entry.category).map((c) => attrOf(c, 'term'))].filter((c): c is string => !!c))];
  const published = new Date(textOf(entry.published));
  const updated = new Date(textOf(entry.updated) || textOf(entry.published));
  if (!ref || !categories.length || Number.isNaN(published.getTime())) return null;
  const doi = optional(entry.doi);
  const journalRef = optional(entry.journal_ref);
  const comments = optional(entry.comment);
  return {
    id: ref.id,
    version: ref.version,
    title: cleanText(textOf(entry.title)),
    abstract: cleanText(textOf(entry.summary)),
    authors: asArray(entry.author)
      .map((a) => cleanText(stripXmlIllegal(textOf((a as XmlNode)?.name))))
      .filter(Boolean),
    categories,
    ...(doi && { doi }),
    ...(journalRef && { journalRef }),
    ...(comments && { comments }),
    published,
    updated: Number.isNaN(updated.getTime()) ? published : updated,
  };
}

const isErrorEntry = (entry: XmlNode) => textOf(entry.title).trim() === 'Error' && /\/api\/errors/.test(textOf(entry.id));

export function parseApiFeed(body: string, url?: string): ApiPage {
  const doc = readXml(body, url);
  const feed = doc.feed as XmlNode | undefined;
  if (!feed || typeof feed !== 'object')
    throw new ArxivResponseError('arXiv API answered with XML that is not an Atom feed', { url, bodyStart: bodyStartOf(body) }, true);
  const entries = asArray(feed.entry) as XmlNode[];
  const error = entries.find(isErrorEntry);
  if (error)
    throw new ArxivResponseError(`arXiv API error: ${cleanText(textOf(error.summary)) || textOf(error.id)}`, { url, bodyStart: bodyStartOf(body) }, false);
  const papers = entries.map(toApiPaper).filter((p): p is ApiPaper => p !== null);
  return {
    totalResults: count(feed.totalResults),
    startIndex: count(feed.startIndex),
    itemsPerPage: count(feed.itemsPerPage),
    papers,
    invalid: entries.length - papers.length,
  };
}
