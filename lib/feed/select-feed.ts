/**
 * A profile's feed document in one call: the shared selection step (lib/select) shaped by
 * `toFeedDocument`, with self and home links on the configured origin unless the caller knows
 * better (the feed routes pass the request's URLs, the preview its own).
 */
import type { Env } from '../env';
import type { Profile } from '../model/profile';
import type { FeedVersions } from '../store/store';
import { selectDigest } from '../select/select-digest';
import { selectPapers, type SelectPapersOptions, type SelectStore } from '../select/select-papers';
import type { FeedDocument } from './feed-document';
import { toFeedDocument } from './to-feed-document';

export type SelectFeedOptions = SelectPapersOptions & {
  env: SelectPapersOptions['env'] & Pick<Env, 'PUBLIC_BASE_URL'>;
  /** Absolute URL of the feed itself; defaults to PUBLIC_BASE_URL (or localhost) + /api/feed. */
  selfUrl?: string;
  /** Absolute URL of the human page for this selection; defaults to the origin's `/`. */
  homeUrl?: string;
  /** A saved profile's feedback page: items then carry "More like this" / "Less like this" links. */
  feedbackUrl?: string;
};

/**
 * The document and the store versions its selection was read at (absent when the selection could
 * not name them), which the feed cache keeps. A digest profile (`digest` set) selects per period;
 * the document then carries one entry per period.
 */
export async function selectFeedAt(store: SelectStore, profile: Profile, options: SelectFeedOptions): Promise<{ doc: FeedDocument; versions?: FeedVersions }> {
  const { digest } = profile;
  const selection = digest ? await selectDigest(store, { ...profile, digest }, options) : await selectPapers(store, profile, options);
  const origin = options.env.PUBLIC_BASE_URL ?? 'http://localhost:3000';
  const doc = toFeedDocument(selection, {
    selfUrl: options.selfUrl ?? new URL('/api/feed', origin).href,
    homeUrl: options.homeUrl ?? new URL('/', origin).href,
    feedbackUrl: options.feedbackUrl,
  });
  return { doc, versions: selection.versions };
}

export async function selectFeed(store: SelectStore, profile: Profile, options: SelectFeedOptions): Promise<FeedDocument> {
  return (await selectFeedAt(store, profile, options)).doc;
}
