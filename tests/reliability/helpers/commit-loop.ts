/**
 * Child process for the kill test (tests/reliability/store-kill.test.ts): commits announcement
 * days to an embedded store in a tight loop until it is killed, printing `committed <day> <n>`
 * after each commitDay returned (n = papers per source). Resumes from whatever the store holds,
 * so consecutive children (each killed at a random moment) build one history.
 *
 * Every third commit re-commits an existing day with one more paper per source (an ingest that
 * found more items), the others add the next weekday, up to MAX_NEW_DAYS (below the manifest's
 * retention, so no day is dropped on purpose).
 *
 * Usage: tsx tests/reliability/helpers/commit-loop.ts <dataDir> <storePrefix>
 */
import { createEmbeddedDriver } from '../../../lib/store/embedded-driver';
import { Store } from '../../../lib/store/store';
import { syntheticDay, weekdays } from './synthetic-papers';

const FIRST_DAY = '2025-10-01';
const MAX_NEW_DAYS = 40;
/** Large enough that a bucket write takes a moment, so kills land inside writes too. */
const PAPERS_PER_SOURCE = 120;

const ALL_DAYS = weekdays(FIRST_DAY, MAX_NEW_DAYS);

async function main(dataDir: string, prefix: string) {
  const store = new Store(createEmbeddedDriver(dataDir), prefix);
  for (;;) {
    const manifest = await store.readManifest();
    const known = Object.keys(manifest.days).sort();
    const recommit = known.length > 0 && (manifest.revision % 3 === 2 || known.length >= MAX_NEW_DAYS);
    const day = recommit ? known[manifest.revision % known.length]! : ALL_DAYS[known.length]!;
    const current = Math.min(...Object.values(manifest.days[day] ?? {}).map((r) => r.count), Infinity);
    const perSource = recommit && Number.isFinite(current) ? current + 1 : PAPERS_PER_SOURCE;
    await store.commitDay(day, syntheticDay(day, perSource));
    process.stdout.write(`committed ${day} ${perSource}\n`);
  }
}

const [dataDir, prefix] = process.argv.slice(2);
if (!dataDir || prefix === undefined) {
  console.error('usage: commit-loop.ts <dataDir> <storePrefix>');
  process.exit(2);
}
main(dataDir, prefix).catch((err) => {
  console.error(err);
  process.exit(1);
});
