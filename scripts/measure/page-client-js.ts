/**
 * Which JS files a browser loads for one App Router page of a production build, and how big they
 * are. Read from the build output, not from a running server:
 * - `build-manifest.json` `rootMainFiles`: the framework chunks and Turbopack runtime every page
 *   loads (its `polyfillFiles` are `nomodule` scripts that modern browsers skip, so they are
 *   reported apart and not counted);
 * - `server/app/<route>/page_client-reference-manifest.js` `entryJSFiles`: the client chunks of
 *   every module of that page's tree (the page, its layouts and their not-found / error
 *   boundaries, which the HTML loads up front too).
 * Routes are given as their folder path; route groups are not resolved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

/** Strings zod 4 keeps through minification (class names it registers by name). */
export const ZOD_MARKERS = ['ZodError', '$ZodType'];

export type ChunkSize = { file: string; rawBytes: number; gzipBytes: number; hasZod: boolean };

export type PageClientJs = {
  route: string;
  chunks: ChunkSize[];
  rawBytes: number;
  gzipBytes: number;
  /** `nomodule` polyfills: loaded by legacy browsers only, not part of the totals. */
  polyfills: ChunkSize[];
};

type BuildManifest = { rootMainFiles?: string[]; polyfillFiles?: string[] };
type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

/** `/` → `[]`, `/a/b` → `['a', 'b']`. */
const segmentsOf = (route: string) => route.split('/').filter(Boolean);

/** The manifest file is a script assigning `globalThis.__RSC_MANIFEST[key]`; run it in a bare context. */
function readClientReferenceManifest(nextDir: string, route: string): ClientReferenceManifest {
  const segments = segmentsOf(route);
  const file = path.join(nextDir, 'server/app', ...segments, 'page_client-reference-manifest.js');
  const context: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  runInNewContext(readFileSync(file, 'utf8'), context, { filename: file });
  const key = `/${[...segments, 'page'].join('/')}`;
  const manifest = context.__RSC_MANIFEST?.[key];
  if (!manifest) throw new Error(`${file} has no entry for ${JSON.stringify(key)}; it has ${JSON.stringify(Object.keys(context.__RSC_MANIFEST ?? {}))}`);
  return manifest;
}

export function sizeOfChunk(nextDir: string, file: string): ChunkSize {
  const bytes = readFileSync(path.join(nextDir, file.replace(/^\/?_next\//, '')));
  const text = bytes.toString('utf8');
  return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, hasZod: ZOD_MARKERS.some((m) => text.includes(m)) };
}

/** The page's client JS: every chunk once, in load order, with raw and gzip (level 9) sizes. */
export function measurePageClientJs(nextDir: string, route = '/'): PageClientJs {
  const build = JSON.parse(readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as BuildManifest;
  const files = [...(build.rootMainFiles ?? []), ...Object.values(readClientReferenceManifest(nextDir, route).entryJSFiles ?? {}).flat()];
  const chunks = [...new Set(files.map((f) => f.replace(/^\/?_next\//, '')))].map((f) => sizeOfChunk(nextDir, f));
  const sum = (key: 'rawBytes' | 'gzipBytes') => chunks.reduce((n, c) => n + c[key], 0);
  const polyfills = (build.polyfillFiles ?? []).map((f) => sizeOfChunk(nextDir, f));
  return { route, chunks, rawBytes: sum('rawBytes'), gzipBytes: sum('gzipBytes'), polyfills };
}
