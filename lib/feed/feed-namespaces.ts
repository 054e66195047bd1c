/** XML namespaces and schemes shared by the RSS and Atom renderers. */

/** arXiv's own namespace, used by its RSS feeds for `arxiv:announce_type`. */
export const ARXIV_NS = 'http://arxiv.org/schemas/atom';
/** Our extension namespace for the score (a URN: it names, it is never fetched). */
export const ARXIV_FEEDS_NS = 'urn:arxiv-feeds:1';
export const GENERATOR = 'arxiv-feeds';

/** An announcement day as a timestamp (midnight UTC of that day). */
export const dayToIso = (day: string) => `${day}T00:00:00Z`;
