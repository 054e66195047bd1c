/**
 * The OPML document for one reader's selection: a saved profile (token URLs, so later edits of the
 * profile reach the reader) or a stateless query (`/api/feed?…` URLs). One outline per selection,
 * in one format: a reader that imports the file subscribes each URL, so listing the same selection
 * as RSS, Atom and JSON (or once whole and again per category) would show every paper two or
 * three times.
 */
import type { Profile } from '../model/profile';
import { feedLinks } from '../feed/feed-links';
import type { OpmlDocument } from './build-opml';
import type { OpmlFormat } from './opml-format';

/** How many keywords a title names before "+N more": a reader's sidebar has room for a few. */
const TITLE_TERMS = 4;

/** Quotes mark a phrase for the matcher; in a title they are noise. */
const unquote = (term: string) => term.replace(/^"(.*)"$/, '$1');

/** `arXiv · cs.LG, cs.CL · llm, kv cache`: reads well as a reader's folder or feed name. */
export function outlineTitle(profile: Pick<Profile, 'categories' | 'keywords' | 'authors'>): string {
  const terms = profile.keywords.length ? profile.keywords : profile.authors;
  const parts = ['arXiv', profile.categories.join(', ')];
  if (terms.length) {
    const more = terms.length - TITLE_TERMS;
    const shown = terms.slice(0, TITLE_TERMS).map(unquote).join(', ');
    parts.push(`${profile.keywords.length ? '' : 'by '}${shown}${more > 0 ? ` +${more} more` : ''}`);
  }
  return parts.join(' · ');
}

export type ProfileOpmlOptions = { origin: string; profile: Profile; token?: string; format: OpmlFormat; now: Date };

export function profileOpml({ origin, profile, token, format, now }: ProfileOpmlOptions): OpmlDocument {
  const links = feedLinks(origin, token ? { token } : { profile });
  const title = outlineTitle(profile);
  return { title, dateCreated: now, outlines: [{ title, xmlUrl: links[format], htmlUrl: links.page }] };
}
