/**
 * One bucket the manifest names, read value by value through a bare driver, as a fresh process
 * would: every stored value exists and decodes, its rows list the same papers as its parts, and
 * the count matches the manifest. Null when a value is missing.
 */
import type { Paper } from '../../lib/model/paper';
import { PaperSchema } from '../../lib/model/paper';
import { unpackPapers, unpackRows } from '../../lib/store/bucket-codec';
import type { KvDriver } from '../../lib/store/driver';
import * as K from '../../lib/store/keys';
import type { BucketRef } from '../../lib/store/manifest';

export async function readStoredBucket(driver: KvDriver, prefix: string, ref: BucketRef): Promise<Paper[] | null> {
  const parts = ref.parts ?? [ref.count];
  const keys = parts.map((_, i) => K.bucketPartKey(ref.key, i));
  const raw = await driver.mget([...keys, ...(ref.parts ? [K.bucketRowsKey(ref.key)] : [])].map((k) => prefix + k));
  if (raw.some((v) => v === null)) return null;
  const papers = keys.flatMap((k, i) => unpackPapers(raw[i]!, k).map((p) => PaperSchema.parse(p)));
  if (ref.parts) {
    const rows = unpackRows(raw[keys.length]!, K.bucketRowsKey(ref.key));
    if (rows.map((r) => `${r[0]}v${r[1]}`).join() !== papers.map((p) => `${p.id}v${p.version}`).join()) throw new Error(`rows of ${ref.key} do not list its papers`);
  }
  return papers;
}
