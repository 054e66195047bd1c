/**
 * `npm run digest -- [--format md|rss|atom|json] [--days N] [--profile <token> | <query>…]` — the
 * old bot's Markdown page (or a feed) printed to stdout, from the same store and env as the
 * server (.env is not read: export the variables or use `node --env-file`). A query is what
 * `/api/feed?` takes, in one or more words (`cats=cs.LG q=llm` or `'cats=cs.LG&digest=daily'`);
 * without one, the default profile. Nothing is registered for ingest: a shell only reads.
 */
import { parseArgs } from 'node:util';
import { getEnv } from '../lib/env';
import { InputError, NotFoundError } from '../lib/errors';
import type { OutputFormat } from '../lib/feed/feed-format';
import { OutputFormatSchema } from '../lib/feed/feed-format-schema';
import { parseFeedQuery } from '../lib/feed/feed-query';
import { renderFeed } from '../lib/feed/render-feed';
import { selectFeed } from '../lib/feed/select-feed';
import { ProfileSchema, type Profile } from '../lib/model/profile';
import { readProfile } from '../lib/profiles/saved-profiles';
import { getDefaultProfile } from '../lib/select/default-profile';
import { getStore, resetStore } from '../lib/store/open-store';

const USAGE = 'usage: npm run digest -- [--format md|rss|atom|json] [--days N] [--profile <token> | <query>…]';

const { values, positionals } = parseArgs({
  options: { format: { type: 'string', default: 'md' }, days: { type: 'string' }, profile: { type: 'string' } },
  allowPositionals: true,
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function resolveProfile(store: Awaited<ReturnType<typeof getStore>>): Promise<Profile> {
  const env = getEnv();
  if (values.profile !== undefined && positionals.length) fail('--profile and a query do not go together');
  const profile = values.profile !== undefined ? await readProfile(store, values.profile) : parseFeedQuery(new URL(`http://cli.invalid/?${positionals.join('&')}`), getDefaultProfile(env)).profile;
  if (values.days === undefined) return profile;
  const withDays = ProfileSchema.safeParse({ ...profile, days: Number(values.days) });
  return withDays.success ? withDays.data : fail(`--days: ${withDays.error.issues[0]?.message ?? 'invalid'} (got ${values.days})`);
}

const format = OutputFormatSchema.safeParse(values.format);
if (!format.success) fail(`--format: must be one of md, rss, atom, json (got ${values.format})`);

try {
  const store = await getStore();
  const profile = await resolveProfile(store);
  const env = getEnv();
  const doc = await selectFeed(store, profile, { env, registerMissing: false });
  process.stdout.write(renderFeed(doc, format.data as OutputFormat).body);
  await resetStore();
} catch (err) {
  if (err instanceof InputError) fail(err.message);
  if (!(err instanceof NotFoundError)) throw err;
  console.error(err.message);
  process.exit(1);
}
