/**
 * The day archive's data (`loadDayArchive`) on the preview's fixed store (tests/fixtures/preview:
 * Thu 2025-12-04 with 3 papers, Fri 2025-12-05 with 16): a stored day is the preview of that day,
 * from that day's papers alone; other days say why they have none; previous/next and the calendar
 * come from the days stored for the selection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env';
import { ProfileSchema } from '../../lib/model/profile';
import { archiveHref, loadDayArchive, parseArchiveDay } from '../../lib/preview/day-archive';
import { loadPreview } from '../../lib/preview/load-preview';
import { newProfileToken } from '../../lib/profiles/profile-token';
import { createEmbeddedDriver } from '../../lib/store/embedded-driver';
import { Store } from '../../lib/store/store';
import { readSeed, seedStore } from './seed-store';

const NOW = new Date('2025-12-08T20:00:00Z'); // Monday in New York
const ORIGIN = 'http://127.0.0.1:3999';
const env = getEnv({ DATA_DIR: '/nonexistent' });
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'day-archive-'));
  store = new Store(createEmbeddedDriver(dir), 'af:');
  await seedStore(store);
});
afterEach(async () => {
  await store.driver.close();
  await rm(dir, { recursive: true, force: true });
});

const load = (day: string, query = '') => loadDayArchive({ store, query: new URLSearchParams(query), origin: ORIGIN, now: NOW, env, day });
const ids = (items: { paper: { id: string } }[]) => items.map((i) => i.paper.id);

describe('parseArchiveDay', () => {
  it.each([['2025-12-05', '2025-12-05'], ['2024-02-29', '2024-02-29'], ['2025-02-29', null], ['2025-13-01', null], ['2025-1-05', null], ['today', null], ['2025-12-05x', null]])(
    '%s → %s',
    (text, day) => expect(parseArchiveDay(text)).toBe(day),
  );
});

describe('loadDayArchive', () => {
  it('shows the newest day exactly as the preview does', async () => {
    const archive = await load('2025-12-05');
    const preview = await loadPreview({ store, query: new URLSearchParams(), origin: ORIGIN, now: NOW, env });
    expect(archive.missing).toBeNull();
    expect(archive.model.doc.days).toEqual(['2025-12-05']);
    expect(ids(archive.model.doc.items)).toEqual(ids(preview.doc.items));
    expect(archive.model.doc.items.map((i) => i.score)).toEqual(preview.doc.items.map((i) => i.score));
    expect(archive.storedDays).toEqual(['2025-12-05', '2025-12-04']);
    expect(archive).toMatchObject({ previous: '2025-12-04', next: null });
  });

  it('shows an older day from its own papers only, whatever days the query asks for', async () => {
    const thursday = readSeed().days['2025-12-04']!.map((p) => p.id);
    const archive = await load('2025-12-04', 'cats=cs.AI,cs.CL,cs.DC,cs.LG&days=5');
    expect(archive.model.doc.days).toEqual(['2025-12-04']);
    expect(ids(archive.model.doc.items).sort()).toEqual([...thursday].sort());
    expect(archive).toMatchObject({ missing: null, previous: null, next: '2025-12-05' });
  });

  it('says why a day has nothing: a weekend, a weekday not stored, a day still to come', async () => {
    expect(await load('2025-12-06')).toMatchObject({ missing: 'weekend', previous: '2025-12-05', next: null });
    const before = await load('2025-12-03');
    expect(before).toMatchObject({ missing: 'not-stored', previous: null, next: '2025-12-04' });
    expect(before.model.doc.items).toEqual([]);
    expect((await load('2025-12-10')).missing).toBe('future');
  });

  it('takes a saved profile and the builder’s query, and lists only the days stored for the selection', async () => {
    const token = newProfileToken();
    await store.putProfile(token, JSON.stringify(ProfileSchema.parse({ categories: ['cs.DC'] })));
    const saved = await load('2025-12-05', `profile=${token}`);
    expect(saved.model.token).toBe(token);
    expect(saved.model.doc.items.length).toBeGreaterThan(0);
    for (const item of saved.model.doc.items) expect(item.paper.categories).toContain('cs.DC');
    // cs.DC has papers on Friday only.
    expect(saved.storedDays).toEqual(['2025-12-05']);
    const query = await load('2025-12-04', 'cats=cs.CL');
    expect(query.model.profile.categories).toEqual(['cs.CL']);
    expect(query.model.doc.items.length).toBeGreaterThan(0);
    for (const item of query.model.doc.items) expect(item.paper.categories).toContain('cs.CL');
  });

  it('gives `/` a link to the archive of the day it shows, with the same query', async () => {
    const query = new URLSearchParams('cats=cs.CL&q=llm&page=2&digest=daily');
    const preview = await loadPreview({ store, query, origin: ORIGIN, now: NOW, env });
    expect(archiveHref(preview, query, NOW)).toBe('/day/2025-12-05?cats=cs.CL&q=llm');
    expect(archiveHref(preview, new URLSearchParams(), NOW)).toBe('/day/2025-12-05');
  });
});
