// One-off refactoring helper: git-mv files and rewrite every relative import that points at them.
// Usage: node scripts/dev/move-modules.mjs old=new [old=new ...]   (paths relative to the repo root)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const moves = new Map(process.argv.slice(2).map((a) => a.split('=').map((p) => path.resolve(root, p))));
const EXT = ['', '.ts', '.tsx', '.mjs', '.js', '.json', '/index.ts'];
const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs'], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => path.resolve(root, f));

function resolveSpec(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const e of EXT) if (fs.existsSync(base + e) && fs.statSync(base + e).isFile()) return { file: base + e, ext: e };
  return null;
}
const newPath = (p) => moves.get(p) ?? p;
const SPEC = /((?:from|import|mock|importActual|require)\s*\(?\s*)(['"])(\.\.?\/[^'"]+)\2/g;
const edits = [];
for (const f of files) {
  const src = fs.readFileSync(f, 'utf8');
  let changed = false;
  const out = src.replace(SPEC, (all, pre, q, spec) => {
    const r = resolveSpec(f, spec);
    if (!r) return all;
    const target = newPath(r.file);
    const fromNew = newPath(f);
    if (target === r.file && fromNew === f) return all;
    let rel = path.relative(path.dirname(fromNew), target);
    const keepExt = spec.endsWith(path.extname(r.file)) && r.ext === '';
    if (!keepExt && (r.ext === '.ts' || r.ext === '.tsx')) rel = rel.replace(/\.tsx?$/, '');
    if (r.ext === '/index.ts') rel = rel.replace(/\/index\.ts$/, '');
    if (!rel.startsWith('.')) rel = './' + rel;
    if (rel === spec) return all;
    changed = true;
    return `${pre}${q}${rel}${q}`;
  });
  if (changed) edits.push([f, out]);
}
for (const [f, out] of edits) fs.writeFileSync(f, out);
for (const [from, to] of moves) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  execFileSync('git', ['mv', from, to]);
}
console.log(`moved ${moves.size} files, rewrote imports in ${edits.length}`);
