/**
 * The feed format an OPML file subscribes to: RSS (default) or Atom. OPML 2.0 marks every feed
 * outline `type="rss"` and defines nothing for JSON Feed, so a JSON outline would be mislabelled;
 * a JSON Feed reader takes the feed URL directly.
 */
import { z } from 'zod';

export const OPML_FORMATS = ['rss', 'atom'] as const;
export type OpmlFormat = (typeof OPML_FORMATS)[number];

/** `format` as every value the query gave (empty ones dropped, as the feed query does). */
export const OpmlQuerySchema = z.object({
  format: z
    .array(z.string())
    .max(1, { error: 'must be given only once' })
    .transform((v): string | undefined => v[0])
    .pipe(z.enum(OPML_FORMATS, { error: 'OPML lists rss or atom feeds (add a JSON Feed URL to a reader directly)' }).default('rss')),
});
