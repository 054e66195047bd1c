/**
 * `npm start` runs Next.js with V8 heap flags that keep a long-running server's memory near what it
 * really holds (BENCHMARKS.md, section 6): node must accept them, they must bound the young
 * generation as meant, and every server the tests, the bench and the load run start uses them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, startScriptNodeFlags } from '../../scripts/support/next-server';

const run = (flags: string[], code: string) => spawnSync(process.execPath, [...flags, '-e', code], { encoding: 'utf8' });

describe('npm start', () => {
  it('runs next start through node with the heap flags, which node accepts', () => {
    const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
    const flags = startScriptNodeFlags();
    expect(start).toBe(`node ${flags.join(' ')} node_modules/next/dist/bin/next start`);
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/), expect.stringMatching(/^--heap-growing-percent=\d+$/)]));
    const accepted = run(flags, 'process.stdout.write("ok")');
    expect(accepted.stderr).toBe('');
    expect(accepted.stdout).toBe('ok');
  });

  it('bounds the young generation: allocating 200 MB of short-lived objects leaves new space at twice the semi-space at most', () => {
    const semiMb = Number(startScriptNodeFlags().find((f) => f.startsWith('--max-semi-space-size='))!.split('=')[1]);
    const code = `
      const v8 = require('node:v8'); let keep = [];
      for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x'.repeat(50) + i }); if (keep.length > 5e4) keep = []; }
      const ns = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      process.stdout.write(String(ns.space_size));`;
    const tuned = Number(run(startScriptNodeFlags(), code).stdout);
    expect(tuned).toBeGreaterThan(0);
    expect(tuned).toBeLessThanOrEqual(2 * semiMb * 1024 * 1024 + 1024 * 1024);
  });
});
