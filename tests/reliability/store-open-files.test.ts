/**
 * A big day on the embedded store under the open-files limit many hosts default to: reading or
 * writing one file per paper all at once fails with EMFILE past the limit. A child process started
 * under `ulimit -n 256` writes and reads 2,000 keys at once and must succeed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-env';

const CHILD = path.resolve(import.meta.dirname, 'helpers/many-files.ts');
const OPEN_FILES_LIMIT = 256;
const KEYS = 2_000;

function runUnderLimit(dataDir: string): Promise<{ code: number | null; out: string; err: string }> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = `ulimit -n ${OPEN_FILES_LIMIT} && exec ${quote(process.execPath)} --import tsx ${quote(CHILD)} ${quote(dataDir)} ${KEYS}`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe(`embedded store under ulimit -n ${OPEN_FILES_LIMIT}`, () => {
  it(`writes and reads ${KEYS} keys at once without running out of file descriptors`, async () => {
    const result = await runUnderLimit(tempDir('af-emfile-'));
    expect(result.err.slice(0, 500)).toBe('');
    expect(result.out.trim()).toBe(`ok ${KEYS}`);
    expect(result.code).toBe(0);
  }, 60_000);
});
