/**
 * One stored announcement day, bucket by bucket, read through the live API: the manifest, then
 * one window read per source over a manifest narrowed to that day and source.
 */
import type { Day, Paper } from '../../lib/model/paper';
import type { Store } from '../../lib/store/store';

export async function readDay(store: Pick<Store, 'readManifest' | 'readWindow'>, day: Day): Promise<Record<string, Paper[]>> {
  const manifest = await store.readManifest();
  const refs = Object.entries(manifest.days[day] ?? {});
  const buckets = await Promise.all(
    refs.map(async ([source, ref]) => {
      const only = { ...manifest, days: { [day]: { [source]: ref } } };
      const read = await store.readWindow({ sources: [source], days: 1, manifest: only, maxBytes: Number.MAX_SAFE_INTEGER });
      return [source, read.entries] as const;
    }),
  );
  return Object.fromEntries(buckets);
}
