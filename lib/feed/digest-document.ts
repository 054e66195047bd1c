/**
 * The digest part of a feed document: one entry per period, each naming its papers as a range of
 * the document's `items` (which hold every period's papers, period after period, each in rank
 * order), so a paper is cleaned and hashed once and the per-paper pieces render it alike.
 */
import type { DigestPeriod } from '../model/digest-period';
import type { Day } from '../model/paper';

export type DigestEntry = {
  /** `tag:` URI, stable per selection and period (RSS guid, Atom id, JSON Feed id). */
  id: string;
  /** The day archive page of the period's newest day, for the same selection. */
  url: string;
  /** `cs.LG · Thu 18 Dec 2025 · 12 papers`. */
  title: string;
  /** `Thu 18 Dec 2025` or `week 51, 15–18 Dec 2025`. */
  label: string;
  /** `2025-12-18` or `2025-W51`. */
  key: string;
  /** The period's announcement days read, newest first. */
  days: Day[];
  /** First sentences of the content: how many papers, from when, and what was left out. */
  intro: string;
  /** ISO time of the period's last announcement (its date in every format). */
  published: string;
  /** ISO time the entry last changed: `published`, or a later summary of one of its papers. */
  updated: string;
  /** Its papers are `items.slice(first, first + count)`. */
  first: number;
  count: number;
};

export type DigestView = { period: DigestPeriod; entries: DigestEntry[] };
