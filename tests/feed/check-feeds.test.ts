/**
 * Optional: validates the three formats with the project-neutral checker in the shared workspace
 * (absent in a user's clone, so skipped there).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/feed/route';
import { getStore } from '../../lib/store/open-store';
import { fillStore, referencePapers, useTempEnv } from './feed-fixtures';

const CHECKER = '/work/shared/checks/lib/check_feeds.py';
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!existsSync(CHECKER) || !hasPython)('shared feed checker', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'af-check-'));
  const expected = path.join(dir, 'expected.txt');

  beforeAll(async () => {
    await useTempEnv();
    await fillStore(await getStore());
    writeFileSync(expected, referencePapers.map((p) => p.id).join('\n'));
  });

  it.each(['rss', 'atom', 'json'] as const)('validates %s with every expected paper', async (format) => {
    const res = await GET(new Request(`http://localhost/api/feed?cats=cs.AI,cs.CL,cs.DC,cs.LG&days=3&limit=500&types=new,cross,replace&format=${format}`));
    const file = path.join(dir, `feed.${format}`);
    writeFileSync(file, await res.text());
    const out = execFileSync('python3', [CHECKER, format, file, expected], { encoding: 'utf8' });
    expect(out.trim()).toBe(`ok ${format} 24 items`);
  });
});
