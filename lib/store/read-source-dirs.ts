/**
 * The first round trip of a feed miss: the version keys of the sources a request can read, and the
 * directories this process does not hold at that version yet. Directories are kept per Store
 * instance by source (a directory only changes with its version, and there are fewer than 200
 * sources), so a warm process reads a directory once per commit of its source.
 * On a store written before directories existed, the manifest stands in (not cacheable).
 */
import * as K from './keys';
import { readManifest } from './manifest';
import { dirFromManifest, parseSourceDir, type SourceDir } from './source-dirs';
import type { StoreKv } from './store-kv';
import type { VersionValues } from './feed-versions';

export type DirRead = {
  dirs: Map<string, SourceDir>;
  /** Per candidate source, the version the read used (null: not stored). */
  versions: Map<string, string | null>;
  /** True when the manifest stood in for directories. */
  fromManifest: boolean;
  /** ISO time of the store's last commit (null: not known). */
  committedAt: string | null;
};

/** Directory size assumed before reading one (30 days × a few parts). */
const DIR_VALUE_BYTES = 8 * 1024;

export type DirCache = Map<string, SourceDir>;

async function fromManifest(kv: StoreKv, sources: string[]): Promise<DirRead> {
  const manifest = await readManifest(kv);
  const dirs = new Map(sources.flatMap((s) => (dirFromManifest(manifest, s) ? [[s, dirFromManifest(manifest, s)!] as const] : [])));
  return { dirs, versions: new Map(sources.map((s) => [s, null])), fromManifest: true, committedAt: manifest.revision ? manifest.updatedAt : null };
}

function fromCache(cache: DirCache, sources: string[], versionOf: (s: string) => string | null | undefined): DirRead {
  const dirs = new Map(sources.flatMap((s) => (versionOf(s) !== null && cache.has(s) ? [[s, cache.get(s)!] as const] : [])));
  return { dirs, versions: new Map(sources.map((s) => [s, versionOf(s) ?? null])), fromManifest: false, committedAt: null };
}

export async function readSourceDirs(kv: StoreKv, cache: DirCache, sources: string[], known?: VersionValues): Promise<DirRead> {
  const verKey = (s: string) => K.sourceVersionKey(s);
  const knownVersion = (s: string) => (known?.has(verKey(s)) ? known.get(verKey(s))! : undefined);
  const current = (s: string, version: string | null | undefined) => version !== undefined && cache.get(s)?.rev === Number(version);
  const unknownVersions = sources.filter((s) => knownVersion(s) === undefined);
  // Directories to read in this round: those known to be newer than ours, and those we never read.
  const dirsNow = sources.filter((s) => {
    const version = knownVersion(s);
    return version === undefined ? !cache.has(s) : version !== null && !current(s, version);
  });
  // Every version known and every directory held at it: nothing to read (a directory held means the store has them).
  if (!unknownVersions.length && !dirsNow.length) return fromCache(cache, sources, knownVersion);
  const keys = [K.SOURCE_DIRS_KEY, ...unknownVersions.map(verKey), ...dirsNow.map(K.sourceDirKey)];
  const sizes = keys.map((k, i) => (i > unknownVersions.length ? DIR_VALUE_BYTES : 32));
  const began = kv.versions?.begin();
  const raw = await kv.driver.mget(
    keys.map((k) => kv.key(k)),
    { valueBytes: sizes },
  );
  if (raw[0] === null) return fromManifest(kv, sources);
  if (began) kv.versions!.remember(began, unknownVersions.map(verKey), raw.slice(1, 1 + unknownVersions.length));
  const versionOf = (s: string) => {
    const given = knownVersion(s);
    return given !== undefined ? given : (raw[1 + unknownVersions.indexOf(s)] ?? null);
  };
  const versions = new Map(sources.map((s) => [s, versionOf(s)]));
  const read = new Map(dirsNow.map((s, i) => [s, parseSourceDir(raw[1 + unknownVersions.length + i] ?? null)]));
  // A directory this process holds at an older version, whose version was only learned just now.
  const behind = sources.filter((s) => versions.get(s) !== null && !current(s, versions.get(s)) && !read.get(s));
  if (behind.length) {
    const again = await kv.driver.mget(behind.map((s) => kv.key(K.sourceDirKey(s))), { valueBytes: DIR_VALUE_BYTES });
    behind.forEach((s, i) => read.set(s, parseSourceDir(again[i] ?? null)));
  }
  const dirs = new Map<string, SourceDir>();
  for (const s of sources) {
    const dir = current(s, versions.get(s)) ? cache.get(s)! : read.get(s);
    if (!dir || versions.get(s) === null) continue;
    cache.set(s, dir);
    dirs.set(s, dir);
    // The version the feed was built from is the directory's own (a racing commit shows as a change).
    versions.set(s, String(dir.rev));
  }
  return { dirs, versions, fromManifest: false, committedAt: raw[0] ?? null };
}
