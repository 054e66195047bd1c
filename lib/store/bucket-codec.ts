/**
 * How bucket values are stored: JSON, brotli-compressed and base64-encoded (values are strings on
 * every backend). arXiv metadata compresses about 2.3× even after base64 (measured on a recorded
 * 1,504-item day in parts of ~200 KB), which is what keeps a feed's read and every reply small;
 * decompressing costs less than the JSON.parse that follows. A value that does not start with the
 * prefix is plain JSON (buckets written before compression), and reads the same.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { AnnounceType, Day, Paper } from '../model/paper';
import { ANNOUNCE_TYPES } from '../model/paper';
import { StoreCorruptError } from '../errors';

const PREFIX = 'br1:';
/** Quality 6: within 2% of the best ratio at a tenth of its time (an ingest compresses every bucket). */
const QUALITY = 6;

export function packJson(value: unknown): string {
  const json = Buffer.from(JSON.stringify(value));
  const packed = brotliCompressSync(json, {
    params: { [constants.BROTLI_PARAM_QUALITY]: QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  });
  return PREFIX + packed.toString('base64');
}

/** A decoded value and the length of its JSON (what keeping it costs, roughly, in memory). */
export type Unpacked<T> = { value: T; jsonLength: number };

/** Parses a value written by packJson (or plain JSON); anything unreadable is StoreCorruptError naming `key`. */
export function unpackJsonSized(raw: string, key: string): Unpacked<unknown> {
  try {
    const json = raw.startsWith(PREFIX) ? brotliDecompressSync(Buffer.from(raw.slice(PREFIX.length), 'base64')).toString('utf8') : raw;
    return { value: JSON.parse(json), jsonLength: json.length };
  } catch {
    throw new StoreCorruptError(`stored bucket ${key} is unreadable (${raw.length} bytes starting ${JSON.stringify(raw.slice(0, 12))})`);
  }
}

/** Papers of one part, as written by commitDay (validated there): an array, or corrupt. */
export function unpackPapersSized(raw: string, key: string): Unpacked<Paper[]> {
  const unpacked = unpackJsonSized(raw, key);
  if (!Array.isArray(unpacked.value)) throw new StoreCorruptError(`stored bucket ${key} is not a list of papers`);
  return unpacked as Unpacked<Paper[]>;
}

export const unpackPapers = (raw: string, key: string): Paper[] => unpackPapersSized(raw, key).value;

/**
 * A bucket's scoring view: per paper what selection needs without its text (id, version, announce
 * type in this source, categories, first announcement), ~60 bytes instead of ~1.6 KB.
 */
export type Row = [id: string, version: number, type: number, categories: string[], firstAnnounced: Day];

export const toRow = (p: Paper): Row => [p.id, p.version, ANNOUNCE_TYPES.indexOf(p.announceType), p.categories, p.firstAnnounced];

/** A row as a Paper without text (empty title, abstract and authors): enough to filter and order by date. */
export function rowPaper(row: Row, day: Day): Paper {
  const [id, version, type, categories, firstAnnounced] = row;
  return { id, version, title: '', abstract: '', authors: [], categories, announceType: ANNOUNCE_TYPES[type] as AnnounceType, announced: day, firstAnnounced };
}

export function unpackRowsSized(raw: string, key: string): Unpacked<Row[]> {
  const unpacked = unpackJsonSized(raw, key);
  if (!Array.isArray(unpacked.value)) throw new StoreCorruptError(`stored rows ${key} are not a list`);
  return unpacked as Unpacked<Row[]>;
}

export const unpackRows = (raw: string, key: string): Row[] => unpackRowsSized(raw, key).value;
