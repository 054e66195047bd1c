/**
 * Reads every .ts/.tsx file under the layered folders, resolves its relative imports and reports
 * each one that `mayImport` refuses. Bare package imports are not layers and are ignored.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { mayImport, unitOf } from './layer-table';

export type LayerViolation = { from: string; to: string; fromLayer: string; toLayer: string };

const SKIP_DIRS = new Set(['node_modules', '.next', '.git', '.data', '.tools', '.vercel', 'fixtures']);
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mjs', '.js', '.json', '/index.ts'];
// import/export … from '…', import('…'), vi.mock('…'): every way a module is reached.
const SPECIFIER = /(?:from|import|mock)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g;

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : listSources(full);
      return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
    }),
  );
  return nested.flat();
}

function resolveImport(fromFile: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const hit = RESOLVE_SUFFIXES.map((s) => base + s).find((p) => existsSync(p) && statSync(p).isFile());
  return hit ?? null;
}

export async function findLayerViolations(root: string): Promise<{ violations: LayerViolation[]; files: number }> {
  const tops = ['lib', 'app', 'scripts', 'proxy.ts', 'instrumentation.ts'].map((t) => path.join(root, t));
  const files = (await Promise.all(tops.map((t) => (existsSync(t) && statSync(t).isFile() ? [t] : listSources(t))))).flat();
  const violations: LayerViolation[] = [];
  for (const file of files) {
    const from = path.relative(root, file);
    const fromUnit = unitOf(from);
    const source = await readFile(file, 'utf8');
    for (const [, specifier] of source.matchAll(SPECIFIER)) {
      const target = resolveImport(file, specifier!);
      if (!target) continue;
      const to = path.relative(root, target);
      const toUnit = unitOf(to);
      if (fromUnit && toUnit && mayImport(fromUnit, toUnit)) continue;
      violations.push({ from, to, fromLayer: fromUnit?.unit ?? '(no layer)', toLayer: toUnit?.unit ?? '(no layer)' });
    }
  }
  return { violations, files: files.length };
}
