// The contract on the default backend: files under a fresh temporary DATA_DIR. Always runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { runStoreContract } from './contract';

runStoreContract('embedded', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'af-store-'));
  return {
    driver: createEmbeddedDriver(dir),
    prefix: 'contract:',
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
