/**
 * `npm run ingest` as an operator runs it: scripts/ingest.ts in a child process against a local
 * arXiv and a temporary embedded store. A refused answer exits 1 with the reason; a day refused as
 * too small can be accepted with `--accept-small`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/model/paper';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { startFakeArxiv, type FakeArxiv } from '../../scripts/support/fake-arxiv';
import { fixture } from '../arxiv/fixtures';
import { dropAnnounceType } from './ingest-context';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let fake: FakeArxiv;
let dataDir: string;

beforeEach(async () => {
  fake = await startFakeArxiv({ api: fixture('api-empty.xml') });
  dataDir = await mkdtemp(path.join(tmpdir(), 'af-script-'));
});
afterEach(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the script with only the variables it needs (nothing from the developer's shell). */
function runScript(...args: string[]): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    PATH: process.env.PATH ?? '',
    HOME: dataDir,
    DATA_DIR: dataDir,
    ARXIV_CATEGORIES: 'cs.AI,cs.CL,cs.DC,cs.LG',
    ARXIV_MIN_INTERVAL_MS: '100',
    ARXIV_TIMEOUT_MS: '2000',
    ...fake.env(),
  };
  return new Promise((resolve) => {
    execFile(TSX, ['scripts/ingest.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

/** Three busy days of 40 cs.LG papers each, in the store the script opens. */
async function storeBusyHistory() {
  const store = new Store(createEmbeddedDriver(dataDir), 'af:');
  for (const [i, day] of ['2025-12-01', '2025-12-02', '2025-12-03'].entries()) {
    const papers: Paper[] = Array.from({ length: 40 }, (_, n) => ({
      id: `2512.9${i}${String(n).padStart(3, '0')}`,
      version: 1,
      title: `Paper ${n}`,
      abstract: 'An abstract.',
      authors: ['A. Author'],
      categories: ['cs.LG'],
      announceType: 'new',
      announced: day,
      firstAnnounced: day,
    }));
    await store.commitDay(day, { 'cs.LG': papers });
  }
  await store.driver.close();
}

describe('npm run ingest', () => {
  it('exits 1 with the reason when no item of arXiv\'s answer can be read', async () => {
    fake.setRss(dropAnnounceType(fixture('rss-2025-12-05-cs.xml')));
    const { code, stdout } = await runScript();
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ingest failed: fetched 0 \/ .* — arXiv's answer could not be read: 10 of 10 items are unreadable/m);
  }, 60_000);

  it('--accept-small stores a day that was refused as too small', async () => {
    await storeBusyHistory();
    fake.setRss(fixture('rss-2025-12-08-cs-small.xml'));
    const refused = await runScript();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^ingest failed 2025-12-08: .* — arXiv sent only 1 paper for 2025-12-08 where about 40 are usual.*run `npm run ingest -- --accept-small` if arXiv really announced only 1 paper$/m);

    const accepted = await runScript('--accept-small');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^ingest ok 2025-12-08: fetched 1 \/ new 1 /m);
  }, 60_000);
});
