/**
 * The client-JS measurement on a small hand-made build output laid out like Next 16's (Turbopack):
 * which chunks count, that each counts once, that polyfills stay apart, and zod detection.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { measurePageClientJs } from '../../scripts/measure/page-client-js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const CHUNKS: Record<string, string> = {
  'main.js': 'console.log("framework");',
  'runtime.js': 'self.TURBOPACK=[];',
  'layout.js': 'export const layout = 1;',
  'page.js': 'class e extends Error{name="ZodError"}',
  'other-page.js': 'export const unrelated = "$ZodType";',
  'polyfill.js': 'var legacy = 1;',
};

function fakeBuild(pages: Record<string, Record<string, string[]>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'af-measure-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'static/chunks'), { recursive: true });
  for (const [name, text] of Object.entries(CHUNKS)) writeFileSync(path.join(dir, 'static/chunks', name), text);
  const build = { polyfillFiles: ['static/chunks/polyfill.js'], rootMainFiles: ['static/chunks/main.js', 'static/chunks/runtime.js'] };
  writeFileSync(path.join(dir, 'build-manifest.json'), JSON.stringify(build));
  for (const [route, entryJSFiles] of Object.entries(pages)) {
    const segments = route.split('/').filter(Boolean);
    const key = `/${[...segments, 'page'].join('/')}`;
    mkdirSync(path.join(dir, 'server/app', ...segments), { recursive: true });
    const script = `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(key)}] = ${JSON.stringify({ entryJSFiles })};`;
    writeFileSync(path.join(dir, 'server/app', ...segments, 'page_client-reference-manifest.js'), script);
  }
  return dir;
}

const size = (name: string) => ({ raw: Buffer.byteLength(CHUNKS[name]!), gzip: gzipSync(CHUNKS[name]!, { level: 9 }).length });

describe('measurePageClientJs', () => {
  it("counts the root chunks and the page tree's chunks once each, polyfills apart", () => {
    const dir = fakeBuild({
      '/': {
        '[project]/app/layout': ['static/chunks/layout.js'],
        '[project]/app/page': ['static/chunks/layout.js', 'static/chunks/page.js', 'static/chunks/main.js'],
      },
      '/other': { '[project]/app/other/page': ['static/chunks/other-page.js'] },
    });
    const report = measurePageClientJs(dir, '/');
    expect(report.chunks.map((c) => c.file)).toEqual(['static/chunks/main.js', 'static/chunks/runtime.js', 'static/chunks/layout.js', 'static/chunks/page.js']);
    const names = ['main.js', 'runtime.js', 'layout.js', 'page.js'];
    expect(report.rawBytes).toBe(names.reduce((n, f) => n + size(f).raw, 0));
    expect(report.gzipBytes).toBe(names.reduce((n, f) => n + size(f).gzip, 0));
    expect(report.chunks.filter((c) => c.hasZod).map((c) => c.file)).toEqual(['static/chunks/page.js']);
    expect(report.polyfills).toEqual([{ file: 'static/chunks/polyfill.js', rawBytes: size('polyfill.js').raw, gzipBytes: size('polyfill.js').gzip, hasZod: false }]);
  });

  it('reads a nested route from its own manifest', () => {
    const dir = fakeBuild({ '/other': { '[project]/app/other/page': ['/_next/static/chunks/other-page.js'] } });
    const report = measurePageClientJs(dir, '/other');
    expect(report.chunks.map((c) => [c.file, c.hasZod])).toEqual([
      ['static/chunks/main.js', false],
      ['static/chunks/runtime.js', false],
      ['static/chunks/other-page.js', true],
    ]);
  });

  it('names the keys it found when the manifest lacks the route', () => {
    const dir = fakeBuild({ '/': {} });
    writeFileSync(path.join(dir, 'server/app/page_client-reference-manifest.js'), 'globalThis.__RSC_MANIFEST = { "/elsewhere/page": {} };');
    expect(() => measurePageClientJs(dir, '/')).toThrow(/no entry for "\/page"; it has \["\/elsewhere\/page"\]/);
  });
});
