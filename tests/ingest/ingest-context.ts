/**
 * One ingest test world: a fake arXiv on 127.0.0.1, a temporary embedded store, an env pointing at
 * both (small throttle interval and timeout), a fixed clock, and `run()` for runIngest.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getEnv } from '../../lib/env';
import type { IngestOptions } from '../../lib/jobs/ingest/run-ingest';
import { runIngest } from '../../lib/jobs/ingest/run-ingest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { startFakeArxiv, type FakeArxivOptions } from '../../scripts/support/fake-arxiv';

export const NOW = new Date('2025-12-05T12:00:00Z');
export const MIN_INTERVAL_MS = 200;

export async function createIngestContext(envOverrides: Record<string, string> = {}, fakeOptions: FakeArxivOptions = {}) {
  const fake = await startFakeArxiv(fakeOptions);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'af-ingest-'));
  const env = getEnv({
    DATA_DIR: dataDir,
    ARXIV_CATEGORIES: 'cs.AI,cs.CL,cs.DC,cs.LG',
    ARXIV_MIN_INTERVAL_MS: String(MIN_INTERVAL_MS),
    ARXIV_TIMEOUT_MS: '2000',
    ...fake.env(),
    ...envOverrides,
  });
  const store = new Store(createEmbeddedDriver(dataDir), 'test:');
  const lines: string[] = [];
  const run = (options: Partial<IngestOptions> = {}) =>
    runIngest({ store, env, log: (l) => lines.push(l) }, { now: NOW, deadline: Date.now() + 20_000, ...options });
  const cleanup = async () => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { fake, store, env, run, lines, dataDir, cleanup };
}

export type IngestContext = Awaited<ReturnType<typeof createIngestContext>>;

/** Gaps between consecutive request arrivals, in ms. */
export const gapsMs = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

/**
 * arXiv renaming a field: items (those whose guid has one of `ids`, or all) lose their announce type,
 * both the `arxiv:announce_type` element and the `Announce Type:` prefix of the description.
 */
export function dropAnnounceType(xml: string, ids?: string[]): string {
  return xml.replace(/<item>[\s\S]*?<\/item>/g, (item) => {
    const guid = item.match(/<guid[^>]*>([^<]*)<\/guid>/)?.[1] ?? '';
    if (ids && !ids.some((id) => guid.includes(id))) return item;
    return item.replace(/<arxiv:announce_type>[^<]*<\/arxiv:announce_type>\s*/, '').replace(/ Announce Type: [a-z-]+ ?/, '');
  });
}
