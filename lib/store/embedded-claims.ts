/**
 * Conditional changes to one embedded file that hold across processes: "remove (or replace) this
 * file only while it still holds what I read". Taking over an expired lock is such a change, and
 * two processes (dev server + `npm run ingest`) routinely see the same expired lock at once; a
 * plain read-then-rm would let the second one delete the first one's fresh lock.
 *
 * Each version of a file (its exact content) has its own claim file, created with O_EXCL: of all
 * processes that read that version, one at a time may act on it. The claimant re-reads the file
 * (still that version?), then acts; nobody else can remove or replace that version meanwhile, and a
 * new version can only appear once it is gone. A claimant that finds the file changed does nothing,
 * so claims are removed right after use. A claimant killed mid-way leaves its claim behind: after
 * CLAIM_STALE_MS the next generation's claim may be taken (a live claimant needs milliseconds).
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { withFileSlot } from './file-slots';

/** A claim this old was left by a killed process. */
export const CLAIM_STALE_MS = 10_000;
/** Claims of one version tried in turn when older ones are stale (one per killed claimant). */
const MAX_CLAIM_GENERATIONS = 4;

const versionId = (raw: string) => createHash('sha256').update(raw).digest('hex').slice(0, 20);
const claimFile = (file: string, raw: string, generation: number) => `${file}.${versionId(raw)}.${generation}.claim`;

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** The file's content, or null when it does not exist. */
export async function readRaw(file: string): Promise<string | null> {
  try {
    return await withFileSlot(() => fs.readFile(file, 'utf8'));
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return null;
    throw err;
  }
}

/** The claim files to remove after acting, or null while another process is acting on this version. */
async function takeClaim(file: string, raw: string): Promise<string[] | null> {
  const stale: string[] = [];
  for (let generation = 0; generation < MAX_CLAIM_GENERATIONS; generation++) {
    const claim = claimFile(file, raw, generation);
    try {
      await withFileSlot(() => fs.writeFile(claim, String(process.pid), { flag: 'wx' }));
      return [claim, ...stale];
    } catch (err) {
      if (codeOf(err) !== 'EEXIST') throw err;
      const stat = await fs.stat(claim).catch(() => null);
      if (!stat || Date.now() - stat.mtimeMs < CLAIM_STALE_MS) return null;
      stale.push(claim);
    }
  }
  return null;
}

/** Runs `act` while this process alone may change the version `raw` of `file`; false when it may not. */
async function withClaim(file: string, raw: string, act: () => Promise<boolean>): Promise<boolean> {
  const claims = await takeClaim(file, raw);
  if (!claims) return false;
  try {
    return (await readRaw(file)) === raw && (await act());
  } finally {
    await Promise.all(claims.map((c) => fs.rm(c, { force: true })));
  }
}

/** Removes `file` only while it holds `raw`; true when this call removed it. */
export function removeIfUnchanged(file: string, raw: string): Promise<boolean> {
  return withClaim(file, raw, async () => {
    const tomb = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tomb`;
    try {
      await fs.rename(file, tomb);
    } catch (err) {
      if (codeOf(err) === 'ENOENT') return false;
      throw err;
    }
    // Only a plain write (not claim-aware) can have replaced it since the re-read: put that back
    // unless an even newer write is already in place.
    const removed = (await readRaw(tomb)) === raw;
    if (!removed) await fs.link(tomb, file).catch((err) => (codeOf(err) === 'EEXIST' ? undefined : Promise.reject(err)));
    await fs.rm(tomb, { force: true });
    return removed;
  });
}

/** Replaces `file` by the new version written to `tmp` only while it holds `raw`. */
export function replaceIfUnchanged(file: string, raw: string, tmp: string): Promise<boolean> {
  return withClaim(file, raw, async () => {
    await fs.rename(tmp, file);
    return true;
  });
}
