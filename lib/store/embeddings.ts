/**
 * Paper embeddings, one key per (paper version, scope), written by the summarize job and by
 * training, read by training and the job (never by a feed, which reads a profile's points:
 * profileEmbeddingKey). A vector is stored as unit-length int8 (`i8:` + base64, 1 byte a
 * dimension: 1,536 dimensions ≈ 2 KB), which moves a cosine by well under 0.01; similarity is all
 * it is used for. A value in another format reads as missing, so it is made again.
 */
import * as K from './keys';
import type { StoreKv } from './store-kv';

const FORMAT_PREFIX = 'i8:';
/** A vector's stored size when planning multi-gets (3,072 dimensions in base64). */
const VECTOR_VALUE_BYTES = 4 * 1024;

/** `vector` scaled to unit length, or null when it is all zeros or not finite. */
export function unitVector(vector: ArrayLike<number>): Float32Array | null {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i]! * vector[i]!;
  const norm = Math.sqrt(squares);
  if (!Number.isFinite(norm) || norm === 0) return null;
  return Float32Array.from(vector, (x) => x / norm);
}

export function encodeVector(vector: ArrayLike<number>): string {
  const unit = unitVector(vector) ?? new Float32Array(vector.length);
  let largest = 0;
  for (const x of unit) largest = Math.max(largest, Math.abs(x));
  const bytes = Int8Array.from(unit, (x) => (largest === 0 ? 0 : Math.round((x / largest) * 127)));
  return FORMAT_PREFIX + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The stored vector at unit length, or null for a value this version cannot read. */
export function decodeVector(value: string | null): Float32Array | null {
  if (!value?.startsWith(FORMAT_PREFIX)) return null;
  const bytes = Buffer.from(value.slice(FORMAT_PREFIX.length), 'base64');
  if (!bytes.length) return null;
  return unitVector(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export type EmbeddingRef = { id: string; version: number };
const refOf = (p: EmbeddingRef) => `${p.id}v${p.version}`;

export function embeddings(kv: StoreKv) {
  const key = (p: EmbeddingRef, scope: string) => kv.key(K.embeddingKey(p.id, p.version, scope));
  return {
    /** The stored vectors of these paper versions, by `${id}v${version}`; missing ones are left out. */
    async getEmbeddings(papers: readonly EmbeddingRef[], scope: string): Promise<Map<string, Float32Array>> {
      const found = new Map<string, Float32Array>();
      if (!papers.length) return found;
      const raw = await kv.driver.mget(papers.map((p) => key(p, scope)), { valueBytes: VECTOR_VALUE_BYTES });
      papers.forEach((p, i) => {
        const vector = decodeVector(raw[i] ?? null);
        if (vector) found.set(refOf(p), vector);
      });
      return found;
    },
    async putEmbeddings(entries: readonly (EmbeddingRef & { vector: ArrayLike<number> })[], scope: string): Promise<void> {
      if (!entries.length) return;
      await kv.driver.mset(entries.map((e) => [key(e, scope), encodeVector(e.vector)]), { ttlSeconds: K.EMBEDDING_TTL_SECONDS });
    },
    getProfileEmbedding: (token: string): Promise<string | null> => kv.driver.get(kv.key(K.profileEmbeddingKey(token))),
    async putProfileEmbedding(token: string, json: string): Promise<void> {
      await kv.driver.set(kv.key(K.profileEmbeddingKey(token)), json);
    },
    async deleteProfileEmbedding(token: string): Promise<void> {
      await kv.driver.del([kv.key(K.profileEmbeddingKey(token))]);
    },
  };
}
