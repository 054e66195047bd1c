/** Cooldown claims (rate-counters.ts claimWindow): one winner per window across instances, and no store command once this process saw the window taken. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import type { KvDriver } from '../../lib/store/driver';
import { Store } from '../../lib/store/store';

let dir = '';
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('claimWindow', () => {
  it('the first claim of a window wins once across stores; later ones in it skip the store', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'af-claim-'));
    let incrs = 0;
    const inner = createEmbeddedDriver(dir);
    const counted: KvDriver = { ...inner, incr: (key, ttl) => (incrs++, inner.incr(key, ttl)) };
    const a = new Store(counted, 'cw:');
    const b = new Store(createEmbeddedDriver(dir), 'cw:');
    const t = Date.UTC(2025, 11, 5, 12, 0, 0);
    expect(await b.claimWindow('drain', 120, t)).toBe(true);
    expect(await a.claimWindow('drain', 120, t + 1_000), 'another instance took it').toBe(false);
    expect(incrs).toBe(1);
    expect(await a.claimWindow('drain', 120, t + 2_000)).toBe(false);
    expect(incrs, 'known taken: no command').toBe(1);
    expect(await a.claimWindow('other', 120, t + 2_000), 'another name').toBe(true);
    expect(await a.claimWindow('drain', 120, t + 120_000), 'the next window').toBe(true);
    expect(incrs).toBe(3);
  });
});
