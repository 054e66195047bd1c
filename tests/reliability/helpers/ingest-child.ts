/**
 * Child process for the crashed-run test (tests/reliability/store-crashed-run.test.ts): one ingest
 * into the embedded store at DATA_DIR, as `npm run ingest` runs it, with a short run-lock TTL so
 * the test need not wait long; the test kills it with SIGKILL while it waits for arXiv.
 *
 * Usage: node --import tsx tests/reliability/helpers/ingest-child.ts <lockTtlSeconds>  (env: DATA_DIR, ARXIV_*)
 */
import { getEnv } from '../../../lib/env';
import { runIngest } from '../../../lib/jobs/ingest/run-ingest';
import { createEmbeddedDriver } from '../../../lib/store/embedded-driver';
import { Store } from '../../../lib/store/store';

const env = getEnv();
const store = new Store(createEmbeddedDriver(env.DATA_DIR), env.STORE_PREFIX);
runIngest({ store, env }, { now: new Date(), deadline: Date.now() + 60_000, backfill: false, lockTtlSeconds: Number(process.argv[2]) }).then(
  (result) => console.log(`ingest ended: ${result.state}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
