/**
 * Which buckets a whole-window read (jobs, read-window.ts) takes, decided from the manifest alone (bucket sizes are recorded
 * there), so the read itself is one multi-get that stays within its memory bound.
 */
import type { Day } from '../model/paper';
import * as K from './keys';
import type { BucketRef, Manifest } from './manifest';

export type WindowPlan = { keys: string[]; days: Day[]; truncated: boolean };

/** Announcement days on which any of `sources` has a bucket, newest first. */
export function daysWithSources(manifest: Manifest, sources: string[]): Day[] {
  return Object.keys(manifest.days)
    .filter((day) => sources.some((s) => manifest.days[day]?.[s]))
    .sort()
    .reverse();
}

const sizeOf = (ref: BucketRef) => ref.bytes ?? ref.count * K.ESTIMATED_ENTRY_BYTES;

/**
 * The buckets of the newest days that fit in `maxBytes` (sizes come from the manifest, so nothing
 * is read to decide): whole days while they fit; the newest day always, bucket by bucket.
 */
export function planWindow(manifest: Manifest, sources: string[], days: Day[], maxBytes: number): WindowPlan {
  const keys: string[] = [];
  const read: Day[] = [];
  let total = 0;
  for (const day of days) {
    const refs = sources.flatMap((s) => (manifest.days[day]?.[s] ? [manifest.days[day][s]] : []));
    const daySize = refs.reduce((n, r) => n + sizeOf(r), 0);
    if (read.length && total + daySize > maxBytes) return { keys, days: read, truncated: true };
    read.push(day);
    for (const ref of refs) {
      if (keys.length && total + sizeOf(ref) > maxBytes) return { keys, days: read, truncated: true };
      keys.push(ref.key);
      total += sizeOf(ref);
    }
  }
  return { keys, days: read, truncated: false };
}
