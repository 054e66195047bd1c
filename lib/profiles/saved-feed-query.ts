/**
 * The query of `/api/feed/<token>`: `format` (rss|atom|json, default rss) and optionally `cats`,
 * which narrows the saved profile to some of its own categories.
 * Other parameters are ignored: the profile is the token's, not the URL's.
 */
import { z } from 'zod';
import type { FeedFormat } from '../feed/feed-format';
import { FeedFormatSchema } from '../feed/feed-format-schema';
import { zodToInputError } from '../errors';
import type { Profile } from '../model/profile';

export function parseSavedFeedQuery(url: URL, saved: Profile): { profile: Profile; format: FeedFormat } {
  const schema = z.object({
    format: FeedFormatSchema.default('rss'),
    cats: z
      .string()
      .transform((s) => [...new Set(s.split(',').map((c) => c.trim()).filter(Boolean))])
      .pipe(
        z
          .array(z.string().refine((c) => saved.categories.includes(c), { error: (i) => `${JSON.stringify(String(i.input).slice(0, 32))} is not one of this profile's categories` }))
          .min(1),
      )
      .optional(),
  });
  const parsed = schema.safeParse({
    format: url.searchParams.get('format') || undefined,
    cats: url.searchParams.get('cats') || undefined,
  });
  if (!parsed.success) throw zodToInputError(parsed.error, 'Invalid feed query');
  const { format, cats } = parsed.data;
  return { profile: cats ? { ...saved, categories: cats } : saved, format };
}
