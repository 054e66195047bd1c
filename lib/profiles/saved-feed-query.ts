/**
 * The query of `/api/feed/<token>`: `format` (rss|atom|json|md, default rss) and optionally `cats`,
 * which narrows the saved profile to some of its own categories. Both are read by `/api/feed`'s
 * own rules (lib/feed/feed-query.ts): `format` once, `cats` repeatable, comma-separated and
 * canonical (`cs.lg` is `cs.LG`).
 * Other parameters are ignored: the profile is the token's, not the URL's.
 */
import type { OutputFormat } from '../feed/feed-format';
import { parseSharedFeedParams } from '../feed/feed-query';
import { InputError, type FieldIssue } from '../errors';
import type { Profile } from '../model/profile';

export function parseSavedFeedQuery(url: URL, saved: Profile): { profile: Profile; format: OutputFormat } {
  const { format, cats } = parseSharedFeedParams(url);
  if (!cats) return { profile: saved, format };
  const issues: FieldIssue[] = cats.flatMap((c, i) =>
    saved.categories.includes(c) ? [] : [{ path: `cats.${i}`, message: `${JSON.stringify(c.slice(0, 32))} is not one of this profile's categories` }],
  );
  if (issues.length) throw new InputError(`Invalid feed query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  return { profile: { ...saved, categories: cats }, format };
}
