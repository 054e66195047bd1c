/**
 * Child process for the open-files test (tests/reliability/store-open-files.test.ts), started under
 * a low `ulimit -n`: writes and reads a big day's worth of keys on an embedded store at once
 * (one mset/mget of them, then one set/get each, all concurrently), as an ingest of a day with
 * thousands of papers does. Prints `ok <keys>` or the error.
 *
 * Usage: node --import tsx tests/reliability/helpers/many-files.ts <dataDir> <keys>
 */
import { createEmbeddedDriver } from '../../../lib/store/embedded-driver';

async function main(dataDir: string, count: number) {
  const driver = createEmbeddedDriver(dataDir);
  const keys = Array.from({ length: count }, (_, i) => `paper:2501.${String(i).padStart(5, '0')}`);
  await driver.mset(keys.map((k, i) => [k, JSON.stringify({ version: 1 + (i % 3), firstAnnounced: '2025-01-02' })]));
  const read = await driver.mget(keys);
  if (read.some((v) => v === null)) throw new Error(`mget lost ${read.filter((v) => v === null).length} keys`);
  await Promise.all(keys.map((k) => driver.set(`${k}:single`, 'x', { ttlSeconds: 60 })));
  const singles = await Promise.all(keys.map((k) => driver.get(`${k}:single`)));
  if (singles.some((v) => v !== 'x')) throw new Error('a single get lost its value');
  process.stdout.write(`ok ${count}\n`);
}

const [dataDir, count] = process.argv.slice(2);
main(dataDir!, Number(count)).catch((err) => {
  console.error(String((err as Error).message ?? err));
  process.exit(1);
});
