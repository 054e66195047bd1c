/**
 * How one commit lays out a (source, day) bucket: its rows (the scoring view, rows of every paper)
 * and its papers in compressed parts. A paper listed in several buckets of one commit (cs.LG and
 * cs.AI, or cs.LG and the `cs` archive) has one owner among them: the bucket of its primary
 * category, else of that category's archive, else the first bucket listing it. Each bucket puts
 * its own papers first and groups the others by owner, so a reader that also reads the owner's
 * bucket skips the parts it would otherwise read twice (plan-feed-window.ts).
 */
import type { Paper } from '../model/paper';
import { packJson, toRow } from './bucket-codec';

/** Raw JSON per part at most (one paper more at worst): ~120 papers, ~85 KB stored. */
export const PART_BYTES = 192 * 1024;
/** A foreign owner's papers get parts of their own from this size on; smaller groups share a part. */
export const SOLO_GROUP_BYTES = 24 * 1024;

/** A stored part: the owners of its papers (comma-joined), how many papers, its stored size. */
export type PartRef = [owners: string, papers: number, storedBytes: number];

export type EncodedBucket = {
  rows: string;
  parts: { value: string; ref: PartRef }[];
  count: number;
  /** JSON size of the papers (what reading them all costs in memory). */
  bytes: number;
};

const paperKey = (p: Pick<Paper, 'id' | 'version'>) => `${p.id}v${p.version}`;
const archiveOf = (category: string) => category.split('.')[0]!;

/** Which bucket of this commit owns each paper (by id and version). */
export function paperOwners(bySource: Record<string, Paper[]>): Map<string, string> {
  const listedIn = new Map<string, Set<string>>();
  for (const source of Object.keys(bySource).sort())
    for (const p of bySource[source]!) {
      const key = paperKey(p);
      if (!listedIn.has(key)) listedIn.set(key, new Set());
      listedIn.get(key)!.add(source);
    }
  const owners = new Map<string, string>();
  for (const papers of Object.values(bySource))
    for (const p of papers) {
      const key = paperKey(p);
      if (owners.has(key)) continue;
      const sources = listedIn.get(key)!;
      const primary = p.categories[0] ?? '';
      owners.set(key, sources.has(primary) ? primary : sources.has(archiveOf(primary)) ? archiveOf(primary) : [...sources][0]!);
    }
  return owners;
}

type Group = { owners: string[]; papers: Paper[]; bytes: number };

/** Own papers first, then each foreign owner's; large groups alone, small ones together, every part ≤ PART_BYTES. */
function packGroups(source: string, papers: Paper[], owners: Map<string, string>): Group[] {
  const byOwner = new Map<string, Paper[]>([[source, []]]);
  for (const p of papers) {
    const owner = owners.get(paperKey(p)) ?? source;
    if (!byOwner.has(owner)) byOwner.set(owner, []);
    byOwner.get(owner)!.push(p);
  }
  const ordered = [source, ...[...byOwner.keys()].filter((o) => o !== source).sort()];
  const parts: Group[] = [];
  let shared: Group = { owners: [], papers: [], bytes: 0 };
  const flush = () => {
    if (shared.papers.length) parts.push(shared);
    shared = { owners: [], papers: [], bytes: 0 };
  };
  const add = (owner: string, p: Paper, size: number) => {
    if (!shared.owners.includes(owner)) shared.owners.push(owner);
    shared.papers.push(p);
    shared.bytes += size;
  };
  for (const owner of ordered) {
    const group = byOwner.get(owner)!;
    const sizes = group.map((p) => JSON.stringify(p).length);
    const total = sizes.reduce((n, s) => n + s, 0);
    if (owner === source || total >= SOLO_GROUP_BYTES) {
      flush();
      group.forEach((p, i) => {
        if (shared.bytes >= PART_BYTES) flush();
        add(owner, p, sizes[i]!);
      });
      flush();
    } else {
      if (shared.bytes + total > PART_BYTES) flush();
      group.forEach((p, i) => add(owner, p, sizes[i]!));
    }
  }
  flush();
  return parts;
}

export function encodeBucket(source: string, papers: Paper[], owners: Map<string, string>): EncodedBucket {
  const groups = packGroups(source, papers, owners);
  const parts = groups.map((g) => {
    const value = packJson(g.papers);
    return { value, ref: [g.owners.join(','), g.papers.length, value.length] as PartRef };
  });
  return {
    rows: packJson(groups.flatMap((g) => g.papers.map(toRow))),
    parts,
    count: papers.length,
    bytes: groups.reduce((n, g) => n + g.bytes, 0),
  };
}
